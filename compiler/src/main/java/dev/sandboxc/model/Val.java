package dev.sandboxc.model;

/**
 * A typed value with where it came from. {@code given} is false for defaults; their
 * span then points at the block that would hold them, so findings still have a place.
 */
public record Val<T>(T value, Span span, boolean given) {
    public static <T> Val<T> of(T value, Span span) { return new Val<>(value, span, true); }
    public static <T> Val<T> byDefault(T value, Span where) { return new Val<>(value, where, false); }
}
