package dev.sandboxc.policy.report;

import java.util.Locale;

/** The output formats of `sandboxc lint --format`. */
public enum ReportFormat {
    TEXT, JSON, SARIF, JUNIT, GITHUB;

    public String render(LintReport report) {
        return switch (this) {
            case TEXT -> TextReport.render(report);
            case JSON -> JsonReport.render(report);
            case SARIF -> SarifReport.render(report);
            case JUNIT -> JunitReport.render(report);
            case GITHUB -> GithubReport.render(report);
        };
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
