package dev.sandboxc.model;

import java.nio.file.Path;
import java.util.Arrays;

/** The text of one input file, with a line index for turning offsets into line:col. */
public final class Source {
    private final String name;
    private final Path path;
    private final String text;
    private final int[] lineStarts;

    /**
     * @param name the path as the user wrote it, used in diagnostics
     * @param path where the file lives (to resolve relative host paths), or null for in-memory text
     */
    public Source(String name, Path path, String text) {
        this.name = name;
        this.path = path;
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) starts = Arrays.copyOf(starts, n * 2);
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String name() { return name; }
    public Path path() { return path; }
    public String text() { return text; }
    public int lineCount() { return lineStarts.length; }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column (in UTF-16 units, tabs count one) of a character offset. */
    public int columnOf(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        return clamped - lineStarts[lineOf(clamped) - 1] + 1;
    }

    public int lineStart(int line) { return lineStarts[line - 1]; }

    /** The text of a 1-based line without its line terminator. */
    public String lineText(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        return text.substring(start, end);
    }

    public Span span(int start, int end) { return new Span(this, start, Math.max(start, end)); }

    private int[] charOfCodePoint; // null while the text has no surrogate pairs

    /** ANTLR counts code points; spans count UTF-16 units. Identity for BMP-only text. */
    public int charIndex(int codePointIndex) {
        if (charOfCodePoint == null) {
            if (text.codePointCount(0, text.length()) == text.length()) return codePointIndex;
            int[] map = new int[text.codePointCount(0, text.length()) + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) map[cp++] = i;
            map[cp] = text.length();
            charOfCodePoint = map;
        }
        return charOfCodePoint[Math.min(codePointIndex, charOfCodePoint.length - 1)];
    }
}
