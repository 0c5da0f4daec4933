package dev.sandboxc.policy.report;

import dev.sandboxc.model.Span;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Severity;
import java.util.EnumMap;
import java.util.Map;

/** What the machine-readable formats share: positions as 1-based line and column, counts. */
final class ReportModel {
    private ReportModel() {}

    /** 1-based line and column of both ends; the end column is the one after the last character. */
    record Region(int line, int column, int endLine, int endColumn) {
        static Region of(Span s) {
            int endLine = s.source().lineOf(s.end());
            int endColumn = s.source().columnOf(s.end());
            if (s.end() > s.start() && s.source().text().charAt(s.end() - 1) == '\n') {
                endLine = s.source().lineOf(s.end() - 1);
                endColumn = s.source().columnOf(s.end() - 1) + 1;
            }
            return new Region(s.line(), s.column(), endLine, Math.max(endColumn, endLine == s.line() ? s.column() + 1 : 1));
        }
    }

    static Map<Severity, Integer> unsuppressedBySeverity(LintReport report) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) counts.put(s, 0);
        for (var file : report.files()) {
            for (Finding f : file.findings()) if (!f.suppressed()) counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    static long suppressed(LintReport report) {
        return report.files().stream().flatMap(f -> f.findings().stream()).filter(Finding::suppressed).count();
    }
}
