package dev.sandboxc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import org.junit.jupiter.api.Test;

/** Inputs written to break a parser: each ends in a clean diagnostic, never an exception. */
class HostileInputTest {

    static Frontend.Result analyze(String text) {
        return Frontend.analyze(TestSupport.source("h.sandbox", text));
    }

    @Test
    void deepListNestingIsRefusedBeforeTheParserRecurses() {
        String text = "sandbox a {\n  packages = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n}\n";
        Frontend.Result r = analyze(text);
        assertEquals("E011", TestSupport.codes(r));
        assertTrue(r.diagnostics().sorted().get(0).span().column() > 64);
    }

    /**
     * Runs of separators (blank lines, `;`, commas) cost the parser work in proportion to
     * their length, wherever they stand. `sep* (...)? sep*` once let ANTLR try every run
     * in two loops: 20,000 blank lines took 12 s and an empty list of 50,000 commas six
     * minutes, enough to hang a pre-commit hook. Counted in lookahead operations
     * (deterministic), not in seconds: doubling a run must not much more than double them.
     */
    @Test
    void separatorRunsCostLinearWork() {
        java.util.Map<String, java.util.function.IntFunction<String>> shapes = new java.util.LinkedHashMap<>();
        shapes.put("blank lines before anything", n -> "\n".repeat(n) + "sandbox a { }\n");
        shapes.put("only blank lines", n -> "\n".repeat(n));
        shapes.put("semicolons in an empty block", n -> "sandbox a {" + ";".repeat(n) + "}\n");
        shapes.put("blank lines after the last entry", n -> "sandbox a {\n  vcpus = 2" + "\n".repeat(n) + "}\n");
        shapes.put("commas in an empty list", n -> "sandbox a {\n  packages = [" + ",\n".repeat(n) + "]\n}\n");
        shapes.put("commas after the last item", n -> "sandbox a {\n  packages = [ git" + ",".repeat(n) + "]\n}\n");
        for (var e : shapes.entrySet()) {
            long small = lookahead(e.getValue().apply(2_000));
            long large = lookahead(e.getValue().apply(4_000));
            assertTrue(large <= 2.5 * small + 100, e.getKey() + ": " + small + " lookahead operations for 2,000, " + large + " for 4,000");
        }
    }

    private static long lookahead(String text) {
        var lexer = new dev.sandboxc.syntax.gen.SandboxLexer(org.antlr.v4.runtime.CharStreams.fromString(text));
        var parser = new dev.sandboxc.syntax.gen.SandboxParser(new org.antlr.v4.runtime.CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setProfile(true);
        parser.file();
        long total = 0;
        for (var d : parser.getParseInfo().getDecisionInfo()) total += d.SLL_TotalLook + d.LL_TotalLook;
        return total;
    }

    @Test
    void deepBlockNestingIsRefused() {
        String text = "sandbox a {\n" + "b { ".repeat(10_000) + "}".repeat(10_000) + "\n}\n";
        assertEquals("E011", TestSupport.codes(analyze(text)));
    }

    @Test
    void nestingWithinTheLimitParses() {
        int depth = SandboxParser.MAX_DEPTH - 2;
        String text = "sandbox a {\n  packages = " + "[".repeat(depth) + "git" + "]".repeat(depth) + "\n}\n";
        // Too many brackets for a package list, but a type error, not a crash.
        assertTrue(TestSupport.codes(analyze(text)).startsWith("E2"), TestSupport.codes(analyze(text)));
    }

    @Test
    void longLinesAreShownAsAWindowAroundTheMistake() {
        StringBuilder packages = new StringBuilder();
        for (int i = 0; i < 500; i++) packages.append("pkg").append(i).append(' ');
        String text = "sandbox a { packages = [ " + packages + "] ; hypervisor = qemuu }\n";
        String rendered = TestSupport.render(analyze(text));
        assertTrue(rendered.contains("error[E202]: unknown hypervisor 'qemuu'"), rendered);
        for (String line : rendered.split("\n")) assertTrue(line.length() < 200, "line of " + line.length() + " characters");
        String source = rendered.lines().filter(l -> l.startsWith(" 1 | ")).findFirst().orElseThrow();
        String carets = rendered.lines().filter(l -> l.contains("^")).findFirst().orElseThrow();
        // The carets still point at qemuu in the shortened line.
        assertEquals("qemuu", source.substring(carets.indexOf('^'), carets.indexOf('^') + 5));
    }

    @Test
    void controlCharactersNeverReachTheTerminal() {
        String text = "sandbox a {\n  hypervisor = \"\u001b[31mred\u0007\"\n}\n";
        String rendered = TestSupport.render(analyze(text));
        assertTrue(!rendered.contains("\u001b") && !rendered.contains("\u0007"), rendered);
    }

    @Test
    void nulBytesAndCrlfAreHandled() {
        assertEquals("E001", TestSupport.codes(analyze("sandbox a {\u0000\n}\n")));
        assertEquals("", TestSupport.codes(analyze("sandbox a {\r\n  resources { vcpus = 2 }\r\n}\r\n")));
        assertEquals("E003", TestSupport.codes(analyze("sandbox a {\n  user agent { git { name = \"a\u0000b\" } }\n}\n")));
    }
}
