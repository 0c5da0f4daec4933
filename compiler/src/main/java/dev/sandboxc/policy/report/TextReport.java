package dev.sandboxc.policy.report;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Severity;
import java.util.EnumMap;
import java.util.Map;

/**
 * For people and editors: `file:line:col: SEVERITY ID message`, the source line with
 * carets, and the fix; suppressed findings are shown too, marked, with their reason.
 */
public final class TextReport {
    private TextReport() {}

    static String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        int suppressed = 0;
        Map<String, Integer> byRule = new java.util.TreeMap<>();
        for (LintReport.FileResult file : report.files()) {
            if (file.problem() != null) out.append("sandboxc: error: ").append(file.problem()).append('\n');
            for (Diagnostic d : file.errors()) out.append(DiagnosticRenderer.render(d));
            if (!file.errors().isEmpty()) {
                out.append(file.path()).append(": not linted: fix the errors above first\n");
            }
            for (Finding f : file.findings()) {
                if (!f.suppressed() || report.listSuppressed()) append(out, f);
                if (f.suppressed()) {
                    suppressed++;
                    byRule.merge(f.rule().id(), 1, Integer::sum);
                } else {
                    counts.merge(f.severity(), 1, Integer::sum);
                }
            }
        }
        if (!report.listSuppressed() && !byRule.isEmpty()) {
            // One line per rule instead of a snippet per finding: a thousand files stay readable.
            out.append("suppressed (--suppressed list shows each):");
            for (var e : byRule.entrySet()) out.append(' ').append(e.getKey()).append(" x").append(e.getValue());
            out.append('\n');
        }
        out.append(summary(report, counts, suppressed)).append('\n');
        return out.toString();
    }

    /** One finding as text (compile prints its findings this way). */
    public static String render(Finding f) {
        StringBuilder b = new StringBuilder();
        append(b, f);
        return b.toString();
    }

    static void append(StringBuilder out, Finding f) {
        out.append(f.span().location()).append(": ").append(f.severity().name()).append(' ').append(f.rule().id())
           .append(' ').append(DiagnosticRenderer.printable(f.message()));
        if (f.suppressed()) out.append(" [suppressed]");
        out.append('\n');
        DiagnosticRenderer.snippet(out, f.span(), "");
        if (f.suppressed()) {
            var s = f.suppression();
            out.append("  = suppressed by ").append(s.kind() == dev.sandboxc.policy.Suppression.Kind.INLINE
                            ? "comment at " + s.where().location() : "exemption at " + s.where().location() + " (owner " + s.owner() + ")")
               .append(s.until() != null ? ", until " + s.until() : "").append(": ")
               .append(DiagnosticRenderer.printable(s.justification())).append('\n');
        } else {
            out.append("  = fix: ").append(f.rule().fix()).append('\n');
        }
        out.append("  = see: sandboxc explain ").append(f.rule().id()).append('\n');
    }

    private static String summary(LintReport report, Map<Severity, Integer> counts, int suppressed) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder b = new StringBuilder("sandboxc: ");
        long notLinted = report.files().stream().filter(f -> !f.linted()).count();
        b.append(report.files().size()).append(report.files().size() == 1 ? " file" : " files");
        if (notLinted > 0) b.append(" (").append(notLinted).append(" not linted)");
        b.append(", ").append(total).append(total == 1 ? " finding" : " findings");
        if (total > 0) {
            b.append(" (");
            String sep = "";
            for (var e : counts.entrySet()) {
                b.append(sep).append(e.getValue()).append(' ').append(e.getKey().label());
                sep = ", ";
            }
            b.append(')');
        }
        if (suppressed > 0) b.append(", ").append(suppressed).append(" suppressed");
        long failing = report.failing();
        b.append("; ").append(report.couldNotRun() ? "lint could not run on every file"
                : failing > 0 ? failing + " at or above " + report.failOn().label() : "none at or above " + report.failOn().label());
        return b.toString();
    }
}
