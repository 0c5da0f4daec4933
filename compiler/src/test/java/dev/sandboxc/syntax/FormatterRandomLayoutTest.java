package dev.sandboxc.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.model.Source;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random files in random layouts: separators, blank lines, tabs, comments after any line and
 * on lines of their own, suppressions among them. What the fuzzer finds by chance, this
 * builds on purpose; the seed is fixed, so a failure is reproducible.
 */
class FormatterRandomLayoutTest {

    private static final String[] KEYS = {"memory", "vcpus", "source", "mount", "access", "allow", "packages", "args"};
    private static final String[] WORDS = {"8", "GiB", "qemu", "/workspace", "127.0.0.1:2222", "*.example.com", "read-write", "on"};
    private static final String[] STRINGS = {"\".\"", "\"a \\\"b\\\" \\\\ c\"", "\"\\u{1F600}\"", "\"${x}\"", "\"\"", "\"# not a comment\""};

    private final Random random = new Random(20261123);
    private int comments;

    @Test
    void randomLayoutsFormatAsPromised() {
        int formatted = 0;
        for (int round = 0; round < 3000; round++) {
            comments = 0;
            StringBuilder b = new StringBuilder();
            body(b, 0, true);
            String text = b.toString();
            Source source = TestSupport.source("random.sandbox", text);
            String broken = FormatChecks.violation(source);
            assertEquals(null, broken, () -> "input:\n" + text);
            if (Formatter.format(source).formatted()) formatted++;
        }
        // Nearly all of them parse; refusals (E020) are rare.
        assertTrue(formatted > 2700, "formatted " + formatted + " of 3000");
    }

    private void body(StringBuilder b, int depth, boolean top) {
        int n = random.nextInt(depth == 0 ? 4 : 5);
        for (int i = 0; i < n; i++) {
            if (i > 0 || !top) separator(b);
            maybeOwnLineComment(b, depth);
            indent(b, depth);
            if (depth < 3 && random.nextInt(3) == 0) {
                b.append(random.nextBoolean() ? "share" : "sandbox");
                for (int l = random.nextInt(3); l > 0; l--) b.append(' ').append(random.nextBoolean() ? "name" + l : "\"label " + l + "\"");
                b.append(blank()).append('{');
                if (random.nextBoolean()) lineEnd(b);
                body(b, depth + 1, false);
                if (random.nextBoolean()) lineEnd(b);
                b.append(blank()).append('}');
            } else {
                b.append(KEYS[random.nextInt(KEYS.length)]).append(blank()).append(random.nextInt(5) == 0 ? "+=" : "=").append(blank());
                phrase(b, depth);
            }
        }
        if (random.nextBoolean()) lineEnd(b);
    }

    private void phrase(StringBuilder b, int depth) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(' ');
            int kind = random.nextInt(depth < 3 ? 5 : 4);
            switch (kind) {
                case 0, 1 -> b.append(WORDS[random.nextInt(WORDS.length)]);
                case 2 -> b.append(STRINGS[random.nextInt(STRINGS.length)]);
                case 3 -> b.append("->");
                default -> list(b, depth + 1);
            }
        }
    }

    private void list(StringBuilder b, int depth) {
        b.append('[');
        boolean multiLine = random.nextBoolean();
        if (multiLine && random.nextBoolean()) lineEnd(b);
        int n = random.nextInt(multiLine ? 8 : 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                if (multiLine && random.nextBoolean()) lineEnd(b);
                else b.append(',').append(blank());
            }
            if (multiLine && random.nextInt(4) == 0) maybeOwnLineComment(b, depth);
            b.append(blank());
            phrase(b, depth);
        }
        if (multiLine && random.nextBoolean()) lineEnd(b);
        b.append(blank()).append(']');
    }

    /** Between entries: a line end (maybe more, maybe with a comment before it) or ';'. */
    private void separator(StringBuilder b) {
        if (random.nextInt(3) == 0) b.append(blank()).append(';').append(blank());
        else lineEnd(b);
    }

    private void lineEnd(StringBuilder b) {
        if (random.nextInt(3) == 0) b.append(blank()).append(' ').append(comment());
        b.append(random.nextInt(6) == 0 ? "\r\n" : "\n");
        if (random.nextInt(5) == 0) b.append(random.nextBoolean() ? "\n" : "  \t\n");
    }

    private void maybeOwnLineComment(StringBuilder b, int depth) {
        if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') return;
        if (random.nextInt(4) != 0) return;
        indent(b, random.nextInt(depth + 2));
        b.append(comment()).append('\n');
    }

    private String comment() {
        comments++;
        return switch (random.nextInt(4)) {
            case 0 -> "# sandboxc:ignore SBX-NET-001 reason=\"test " + comments + "\"";
            case 1 -> "#";
            default -> "# comment " + comments + (random.nextBoolean() ? "   " : "");
        };
    }

    private void indent(StringBuilder b, int depth) {
        b.append(random.nextInt(4) == 0 ? "\t".repeat(depth) : "  ".repeat(depth + random.nextInt(2)));
    }

    private String blank() {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "  ";
            case 2 -> "\t";
            default -> " ";
        };
    }
}
