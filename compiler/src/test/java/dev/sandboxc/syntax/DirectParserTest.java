package dev.sandboxc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DirectParser reads exactly the files ANTLR reads without a diagnostic, into exactly
 * the tree ANTLR's path builds; everything else it leaves to ANTLR.
 */
public class DirectParserTest {

    static List<String> repositoryFiles() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String dir : List.of("examples", "golden-tests")) {
            try (Stream<Path> files = Files.walk(TestSupport.root().resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sandbox")).sorted().toList()) {
                    texts.add(Files.readString(f));
                }
            }
        }
        return texts;
    }

    /** Both paths on one text: the same tree when DirectParser takes it, and it takes every clean file. */
    public static boolean agree(String text) {
        Source source = new Source("t.sandbox", null, text);
        Ast.Document direct = DirectParser.parse(source);
        Diagnostics diagnostics = new Diagnostics();
        Ast.Document antlr = SandboxParser.parseWithAntlr(source, diagnostics);
        boolean clean = diagnostics.size() == 0;
        assertEquals(clean, direct != null, () -> (clean ? "DirectParser gave up on a clean file:\n" : "DirectParser took a file ANTLR "
                + "reports on (" + diagnostics.sorted() + "):\n") + text);
        if (direct != null) assertEquals(antlr, direct, () -> "different trees for:\n" + text);
        return direct != null;
    }

    @Test
    void takesEveryRepositoryFileAntlrTakes() throws IOException {
        int taken = 0;
        for (String text : repositoryFiles()) if (agree(text)) taken++;
        assertTrue(taken >= 20, "only " + taken + " files taken");
    }

    @Test
    void takesTheExamples() throws IOException {
        try (Stream<Path> files = Files.list(TestSupport.root().resolve("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sandbox")).toList()) {
                assertNotNull(DirectParser.parse(new Source(f.getFileName().toString(), null, Files.readString(f))), f.toString());
            }
        }
    }

    /** The corners of the lexer: line ends, dashes, escapes, comments, nesting, other scripts. */
    @Test
    void agreesOnTheCorners() {
        List<String> corners = List.of("", "\n\n", ";", "# only a comment", "a = b", "a = b\r\n", "a = b\rc = d",
                "a = b \r\n c = d", "a = b\r\r\nc = d", "a = x-y-z", "a = x-", "a = 2222->22", "a = 2222 -> 22", "a = ->",
                "a = x - y", "a += [ ]", "a = [ , b, , c d\n e, ]", "a = [\n]", "a = [ [ x ] [ y z ] ]", "a b \"c\" { }",
                "a { b = c; d = e }", "a { b = c } d = e", "a { b = c }; d = e", "a = b c", "a = b { }", "a b = c",
                "a = \"x\\\"y\"", "a = \"x\\\\\"", "a = \"x\\", "a = \"x", "a = \"x\\q\"", "a = \"\\u{1F600}\"",
                "a = \"x\\\ny\"", "a = \"tab\there\"", "a = \"caf\u00e9 \uD83D\uDE00\"", "a = caf\u00e9", "a = \u00a0",
                "a = \"\u0000\"", "a = $x", "a = b # c = d", "a = b #c\rd = e", "x = 1\f", "{", "}", "]", "a = [",
                "a = b]", "a = 1 = 2", "= a", "a =", "a = b\n\n\n; ;\nc = d\n", "*.x.y = ~/a:b", "a \"x\" \"y\" z { }",
                "a = [ b\n, c ]", "a = [ b; c ]", "a { ; }", "a {\n\n}\n", "a + = b", "a ++= b");
        for (String c : corners) agree(c);
        StringBuilder deep = new StringBuilder("a = ");
        for (int i = 0; i < SandboxParser.MAX_DEPTH + 1; i++) deep.append('[');
        for (int i = 0; i < SandboxParser.MAX_DEPTH + 1; i++) deep.append(']');
        agree(deep.toString());
        agree(deep.substring(0, 4 + SandboxParser.MAX_DEPTH) + deep.substring(5 + 2 * SandboxParser.MAX_DEPTH));
    }

    /** Thousands of small mutations of the examples: a character dropped, doubled or replaced. */
    @Test
    void agreesOnMutationsOfTheExamples() throws IOException {
        String alphabet = "{}[]=+-\"\\#,;\n\r\t >a0._*~/:\u00e9\u0000";
        Random random = new Random(20261123);
        int taken = 0;
        int tried = 0;
        for (String text : repositoryFiles()) {
            if (text.isEmpty()) continue;
            for (int m = 0; m < 40; m++) {
                StringBuilder b = new StringBuilder(text);
                for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                    int at = random.nextInt(b.length());
                    switch (random.nextInt(3)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, b.charAt(at));
                        default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    if (b.length() == 0) break;
                }
                tried++;
                if (agree(b.toString())) taken++;
            }
        }
        // Most mutants still parse (a changed letter); many do not: both paths are exercised.
        assertTrue(taken > tried / 5 && taken < tried * 9 / 10, taken + " of " + tried + " taken");
    }
}
