package dev.sandboxc.cli;

import dev.sandboxc.diag.LiteralSecrets;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The last line of defence of "no output of sandboxc ever prints a secret back": everything
 * a run writes to stdout and stderr, and every report file, passes through here, and any key
 * in it is masked, whichever message, snippet or format carried it. Works a line at a time,
 * so a key is never split between two checks.
 *
 * <p>Shapes are found in the text itself; values that were secrets only for where they stood
 * in an input (after "--api-key") are remembered when the input is read ({@link #remember}),
 * for this run.
 */
final class Redacting extends Writer {
    /** The values of the run on this thread: commands read their inputs on the thread that prints. */
    private static final ThreadLocal<Set<String>> KNOWN = ThreadLocal.withInitial(LinkedHashSet::new);

    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    Redacting(Writer out) { this.out = out; }

    /** A run starts: nothing remembered from an earlier run of this thread (tests run many). */
    static void begin() { KNOWN.get().clear(); }

    /** Remembers the secrets of an input just read, to mask them wherever they turn up. */
    static void remember(String text) {
        KNOWN.get().addAll(LiteralSecrets.values(text));
    }

    /** {@code text} as it may be shown or written. */
    static String redact(String text) {
        return LiteralSecrets.redact(text, KNOWN.get());
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            line.append(c);
            if (c == '\n') emit();
        }
    }

    private void emit() throws IOException {
        if (line.length() == 0) return;
        out.write(redact(line.toString()));
        line.setLength(0);
    }

    /** Passes on whole lines only; a partial line waits for its end or for {@link #close}. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** The rest, then flushes (the underlying writer stays open: it is the caller's). */
    @Override
    public void close() throws IOException {
        emit();
        out.flush();
    }
}
