package dev.sandboxc.model;

/**
 * A path on the host as written. Relative paths are relative to the .sandbox file;
 * {@code ~} is expanded on the host at run time, never at compile time.
 */
public record HostPath(String raw, Kind kind) {
    public enum Kind { RELATIVE, HOME, ABSOLUTE }

    public static HostPath of(String raw) {
        Kind kind = raw.equals("~") || raw.startsWith("~/") ? Kind.HOME
                : raw.startsWith("/") ? Kind.ABSOLUTE : Kind.RELATIVE;
        return new HostPath(raw, kind);
    }

    @Override public String toString() { return raw; }
}
