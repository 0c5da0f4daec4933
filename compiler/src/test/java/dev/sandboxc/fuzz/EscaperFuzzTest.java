package dev.sandboxc.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sandboxc.emit.Nix;
import dev.sandboxc.emit.Shell;

/**
 * Any string through the Nix and shell escapers reads back as itself, by an
 * independent reading of each syntax (EscapingTest checks the same against the real
 * nix-instantiate and bash, for fewer strings).
 */
class EscaperFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void nixStringsReadBackEqual(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        if (s.indexOf('\0') >= 0) return; // Nix has no NUL; the front end refuses it (E003)
        String lit = Nix.str(s);
        String back = readNixString(lit);
        if (!back.equals(s)) throw new AssertionError("Nix.str(" + s + ") = " + lit + " reads back as " + back);
    }

    @FuzzTest(maxDuration = "30s")
    void shellWordsReadBackEqual(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        if (s.indexOf('\0') >= 0) return; // no shell word holds NUL
        String word = Shell.quote(s);
        String back = readShellWord(word);
        if (!back.equals(s)) throw new AssertionError("Shell.quote(" + s + ") = " + word + " reads back as " + back);
    }

    /** A double-quoted Nix string literal as the Nix lexer reads it; interpolation is an error here. */
    static String readNixString(String lit) {
        if (lit.length() < 2 || lit.charAt(0) != '"' || lit.charAt(lit.length() - 1) != '"') throw new AssertionError("not quoted: " + lit);
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < lit.length() - 1; i++) {
            char c = lit.charAt(i);
            if (c == '\\') {
                char n = lit.charAt(++i);
                b.append(switch (n) { case 'n' -> '\n'; case 'r' -> '\r'; case 't' -> '\t'; default -> n; });
            } else if (c == '$' && i + 1 < lit.length() - 1 && lit.charAt(i + 1) == '{') {
                throw new AssertionError("unescaped interpolation in " + lit);
            } else if (c == '"') {
                throw new AssertionError("unescaped quote in " + lit);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** One POSIX shell word made of bare characters and single-quoted parts, as the shell reads it. */
    static String readShellWord(String word) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (quoted) {
                if (c == '\'') quoted = false;
                else b.append(c);
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '\\' && i + 1 < word.length()) {
                b.append(word.charAt(++i));
            } else if (Character.isLetterOrDigit(c) && c < 0x80 || "-_./:@,+%".indexOf(c) >= 0) {
                b.append(c);
            } else {
                throw new AssertionError("unquoted special character " + (int) c + " in " + word);
            }
        }
        if (quoted) throw new AssertionError("unterminated quote in " + word);
        if (word.isEmpty()) throw new AssertionError("an empty word disappears");
        return b.toString();
    }
}
