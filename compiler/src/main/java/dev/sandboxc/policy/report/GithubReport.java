package dev.sandboxc.policy.report;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.model.Span;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Severity;

/**
 * GitHub Actions workflow commands: `::error file=…,line=…::message`, so findings show
 * as annotations on the changed lines. Values are escaped as the Actions toolkit does.
 */
final class GithubReport {
    private GithubReport() {}

    static String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (LintReport.FileResult file : report.files()) {
            if (file.problem() != null) {
                out.append("::error file=").append(property(file.path())).append(",title=")
                   .append(property("sandboxc could not lint this file")).append("::").append(data(file.problem())).append('\n');
            }
            for (Diagnostic d : file.errors()) {
                String text = d.message() + (d.help() == null || d.help().isEmpty() ? "" : "\nhint: " + d.help());
                if (d.span() == null) {
                    out.append("::error file=").append(property(file.path())).append(",title=")
                       .append(property(d.code() + " (not linted)")).append("::").append(data(text)).append('\n');
                } else {
                    command(out, "error", d.span(), d.code() + " (not linted)", text);
                }
            }
            for (Finding f : file.findings()) {
                if (f.suppressed() && !report.listSuppressed()) continue;
                String level = f.suppressed() ? "notice"
                        : f.fails(report.failOn()) ? "error"
                        : f.severity().atLeast(Severity.MEDIUM) ? "warning" : "notice";
                String title = f.rule().id() + " (" + f.severity().label() + (f.suppressed() ? ", suppressed" : "") + ")";
                String text = f.message() + "\n" + (f.suppressed() ? "suppressed: " + f.suppression().justification()
                        : "fix: " + f.rule().fix());
                command(out, level, f.span(), title, text);
            }
        }
        long failing = report.failing();
        out.append("sandboxc: ").append(report.files().size()).append(report.files().size() == 1 ? " file, " : " files, ")
           .append(failing).append(" finding").append(failing == 1 ? "" : "s").append(" at or above ")
           .append(report.failOn().label()).append(report.couldNotRun() ? "; some files could not be linted" : "").append('\n');
        return out.toString();
    }

    private static void command(StringBuilder out, String level, Span span, String title, String message) {
        ReportModel.Region r = ReportModel.Region.of(span);
        out.append("::").append(level)
           .append(" file=").append(property(span.source().name()))
           .append(",line=").append(r.line());
        // Columns only for a one-line range: GitHub rejects col/endColumn when the lines differ.
        if (r.line() == r.endLine()) out.append(",col=").append(r.column());
        out.append(",endLine=").append(r.endLine());
        if (r.line() == r.endLine()) out.append(",endColumn=").append(r.endColumn());
        out.append(",title=").append(property(title))
           .append("::").append(data(message)).append('\n');
    }

    /** The message part: %, CR and LF are escaped. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: as data, and ':' and ',' too. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
