package dev.sandboxc.model;

/** A half-open range [start, end) of characters in a source file. */
public record Span(Source source, int start, int end) {

    public int line() { return source.lineOf(start); }
    public int column() { return source.columnOf(start); }
    public int endLine() { return source.lineOf(Math.max(start, end - 1)); }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(source, Math.min(start, other.start), Math.max(end, other.end));
    }

    public String text() { return source.text().substring(start, end); }

    /** file:line:col, the prefix editors and CI annotators understand. */
    public String location() { return source.name() + ":" + line() + ":" + column(); }

    @Override public String toString() { return location(); }
}
