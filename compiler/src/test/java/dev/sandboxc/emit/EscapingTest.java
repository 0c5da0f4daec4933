package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile strings through the Nix and shell escapers: the value that Nix (or the
 * shell) reads back must equal the input, character for character.
 */
class EscapingTest {

    static final List<String> HOSTILE = List.of(
            "", "plain", "\"", "\\", "\\\"", "\"\\", "${", "${x}", "$${x}", "\\${x}", "$", "$$", "a$", "$\\{",
            "''", "'''", "''${", "''\\", "'", "\n", "\r\n", "\t", "line1\nline2", "${builtins.readFile /etc/passwd}",
            "\"; rm -rf / #", "$(touch /tmp/pwned)", "`id`", "-rf", "--help", "a b", "*", "~", "#comment",
            "ümlaut", "日本語", "emoji 😀", "rtl \u202e", "zero\u200bwidth", "\u0001\u001f\u007f", "\\n literally",
            "{ }", "[ ]", "a = b;", "/* c */", "x\u2028y", "\ud83d\udca9${\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Every hostile string, plus some random ones drawn from the nastiest characters. */
    static List<String> corpus() {
        List<String> all = new ArrayList<>(HOSTILE);
        Random r = new Random(42);
        String alphabet = "$\\\"'{}\n\r\t`;#~ab😀\u0001";
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(12);
            for (int j = 0; j < n; j++) b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            all.add(b.toString());
        }
        return all;
    }

    @Test
    void nixStringsReadBackEqual() throws IOException {
        TestSupport.assumeNix();
        List<String> corpus = corpus();
        // One evaluation for the whole corpus: a Nix list of the escaped strings, printed as JSON.
        StringBuilder expr = new StringBuilder("[\n");
        for (String s : corpus) expr.append("  ").append(Nix.str(s)).append('\n');
        expr.append("]\n");
        JsonNode list = evalJson("strings.nix", expr.toString());
        assertEquals(corpus.size(), list.size());
        for (int i = 0; i < corpus.size(); i++) {
            assertEquals(corpus.get(i), list.get(i).asText(), "string " + i + " escaped as " + Nix.str(corpus.get(i)));
        }
    }

    @Test
    void nixAttributeNamesReadBackEqual() throws IOException {
        TestSupport.assumeNix();
        List<String> names = new ArrayList<>(corpus());
        names.addAll(List.of("if", "let", "inherit", "or", "a-b", "a'b", "_x", "9lives", "rec", "true"));
        names.removeIf(String::isEmpty);
        List<String> unique = names.stream().distinct().toList();
        StringBuilder expr = new StringBuilder("builtins.attrNames {\n");
        for (String s : unique) expr.append("  ").append(Nix.attr(s)).append(" = null;\n");
        expr.append("}\n");
        List<String> got = new ArrayList<>();
        evalJson("attrs.nix", expr.toString()).forEach(n -> got.add(n.asText()));
        // attrNames sorts by byte order: compare as sets of the same size.
        assertEquals(unique.stream().sorted(EscapingTest::byUtf8).toList(), got.stream().sorted(EscapingTest::byUtf8).toList());
    }

    /** Writes a Nix expression to a file and evaluates it with nix-instantiate, as JSON. */
    private JsonNode evalJson(String name, String expr) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, expr, StandardCharsets.UTF_8);
        TestSupport.Exec r = TestSupport.exec(tmp, "nix-instantiate", "--eval", "--strict", "--json", file.toString());
        assertEquals(0, r.status(), r.stderr());
        return JSON.readTree(r.stdout());
    }

    @Test
    void nixPackagePathsQuoteOddSegments() {
        assertEquals("pkgs.python3Packages.requests", Nix.pkgs("python3Packages.requests"));
        assertEquals("pkgs.\"if\"", Nix.pkgs("if"));
        assertEquals("pkgs.\"7zz\"", Nix.pkgs("7zz"));
    }

    @Test
    void nixRefusesNul() {
        assertThrows(IllegalArgumentException.class, () -> Nix.str("a\0b"));
    }

    @Test
    void nixNeverLeavesAnInterpolationOpen() {
        for (String s : corpus()) {
            String lit = Nix.str(s);
            // Outside escape pairs (\X), "${" must never appear in the literal, nor a bare '"'.
            String body = lit.substring(1, lit.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\') { i++; continue; }
                assertFalse(c == '"', lit);
                assertFalse(c == '$' && i + 1 < body.length() && body.charAt(i + 1) == '{', lit);
            }
        }
    }

    @Test
    void shellWordsReadBackEqual() throws IOException {
        List<String> corpus = corpus();
        // printf '%s\0' <quoted words...>: bash gives back each word between NULs.
        StringBuilder script = new StringBuilder("printf '%s\\0'");
        for (String s : corpus) script.append(' ').append(Shell.quote(s));
        script.append('\n');
        Path file = tmp.resolve("words.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String[] words = new String(out, StandardCharsets.UTF_8).split("\0", -1);
        assertEquals(corpus.size() + 1, words.length, "one word per input");
        for (int i = 0; i < corpus.size(); i++) assertEquals(corpus.get(i), words[i], "word " + i + " quoted as " + Shell.quote(corpus.get(i)));
    }

    @Test
    void safeShellWordsStayBare() {
        assertEquals("/workspace", Shell.quote("/workspace"));
        assertEquals("''", Shell.quote(""));
        assertEquals("'a b'", Shell.quote("a b"));
        assertEquals("'it'\\''s'", Shell.quote("it's"));
    }

    private static int byUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
