package dev.sandboxc.policy.report;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.policy.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit XML for CI dashboards: one test suite per file, one test case per finding;
 * failing findings are failures, suppressed ones skipped, findings below the
 * threshold pass (their severity in system-out), a file that could not be linted
 * is one erroring case, and a clean file one passing case.
 */
final class JunitReport {
    private JunitReport() {}

    static String render(LintReport report) {
        StringBuilder suites = new StringBuilder();
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        for (LintReport.FileResult file : report.files()) {
            List<String> cases = new ArrayList<>();
            int sf = 0, se = 0, ss = 0;
            if (!file.linted()) {
                StringBuilder text = new StringBuilder();
                if (file.problem() != null) text.append(file.problem()).append('\n');
                for (Diagnostic d : file.errors()) text.append(DiagnosticRenderer.render(d));
                String message = file.problem() != null ? file.problem()
                        : file.errors().size() + (file.errors().size() == 1 ? " error" : " errors") + "; not linted";
                cases.add(testcase(file.path(), "lint", "<error type=\"not-linted\" message=\"" + attr(message) + "\">"
                        + text(text.toString()) + "</error>"));
                se++;
            }
            for (Finding f : file.findings()) {
                String name = f.rule().id() + " " + f.span().line() + ":" + f.span().column();
                String body;
                if (f.suppressed()) {
                    body = "<skipped message=\"" + attr("suppressed: " + f.suppression().justification()) + "\"/>";
                    ss++;
                } else if (f.fails(report.failOn())) {
                    body = "<failure type=\"" + attr(f.rule().id()) + "\" message=\"" + attr(f.severity().label() + ": " + f.message())
                            + "\">" + text(TextReport.render(f)) + "</failure>";
                    sf++;
                } else {
                    body = "<system-out>" + text(f.severity().label() + " (below " + report.failOn().label() + "): " + f.message())
                            + "</system-out>";
                }
                cases.add(testcase(file.path(), name, body));
            }
            if (cases.isEmpty()) cases.add(testcase(file.path(), "lint", null));
            suites.append("  <testsuite name=\"").append(attr(file.path())).append("\" tests=\"").append(cases.size())
                  .append("\" failures=\"").append(sf).append("\" errors=\"").append(se).append("\" skipped=\"").append(ss)
                  .append("\">\n");
            for (String c : cases) suites.append(c);
            suites.append("  </testsuite>\n");
            tests += cases.size();
            failures += sf;
            errors += se;
            skipped += ss;
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sandboxc lint\" tests=\"" + tests
                + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\">\n"
                + suites + "</testsuites>\n";
    }

    /** One test case; {@code body} is a single element, already escaped, or null for a passing case. */
    private static String testcase(String path, String name, String body) {
        String open = "    <testcase classname=\"" + attr(path) + "\" name=\"" + attr(name) + "\"";
        return body == null ? open + "/>\n" : open + ">\n      " + body + "\n    </testcase>\n";
    }

    /** Text content: markup escaped, characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/F) dropped. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> b.append("&#13;"); // a literal CR would be read back as a line feed
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }

    /** Attribute values: as text, plus quotes, and tabs and line ends as references (a parser would fold them to spaces). */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\t", "&#9;").replace("\n", "&#10;");
    }
}
