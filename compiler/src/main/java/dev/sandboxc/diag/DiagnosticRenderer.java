package dev.sandboxc.diag;

import dev.sandboxc.model.Span;

/**
 * Renders a diagnostic for humans and for editors: the first line is
 * `file:line:col: severity[code]: message`, then the source line with a gutter and
 * carets under the span, then notes and the hint.
 */
public final class DiagnosticRenderer {

    /** Source lines longer than this are cut to a window around the span. */
    static final int MAX_SHOWN = 120;
    private static final int CONTEXT = 40;

    private DiagnosticRenderer() {}

    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        Span span = d.span();
        out.append(span.location()).append(": ").append(d.severity().label())
           .append('[').append(d.code()).append("]: ").append(printable(d.message())).append('\n');
        snippet(out, span, d.label());
        for (Diagnostic.Note note : d.notes()) {
            out.append("  = note: ").append(note.span().location()).append(": ")
               .append(printable(note.message())).append('\n');
            snippet(out, note.span(), "");
        }
        if (d.help() != null && !d.help().isEmpty()) {
            out.append("  = hint: ").append(printable(d.help())).append('\n');
        }
        return out.toString();
    }

    /** The source line of {@code span} with a gutter and carets under it. */
    public static void snippet(StringBuilder out, Span span, String label) {
        int line = span.line();
        String lineNo = Integer.toString(line);
        String pad = " ".repeat(lineNo.length());
        // Masked before the window is cut: a key half inside the window must not show its half.
        String text = LiteralSecrets.maskLine(span.source(), line);
        int col = span.column() - 1;
        int endCol = span.endLine() == line ? span.source().columnOf(span.end()) - 1 : text.length();
        int width = Math.max(1, Math.min(endCol, text.length()) - col);
        if (text.length() > MAX_SHOWN) {
            // A huge line (minified, generated, hostile) is shown as a window around the span.
            int from = Math.max(0, Math.min(col - CONTEXT, text.length() - MAX_SHOWN));
            int to = Math.min(text.length(), from + MAX_SHOWN);
            String shown = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
            col = col - from + (from > 0 ? 3 : 0);
            width = Math.max(1, Math.min(width, shown.length() - col));
            text = shown;
        }
        out.append(' ').append(pad).append(" |\n");
        out.append(' ').append(lineNo).append(" | ").append(printable(text)).append('\n');
        out.append(' ').append(pad).append(" | ").append(" ".repeat(Math.max(0, col))).append("^".repeat(width));
        if (label != null && !label.isEmpty()) out.append(' ').append(printable(label));
        out.append('\n');
    }

    /**
     * Control characters (and so terminal escape sequences) from a hostile file
     * must not reach the terminal; each becomes U+FFFD, keeping columns aligned.
     */
    public static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)
                    || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT;
            if (bad || c == '\t') {
                if (b == null) b = new StringBuilder(s.substring(0, i));
                b.append(c == '\t' ? ' ' : '\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
