package dev.sandboxc.model;

/** An absolute, normalised path inside the guest, such as /workspace. */
public record GuestPath(String path) {
    /** True when this path is {@code other} or lies below it. */
    public boolean within(GuestPath other) {
        return path.equals(other.path) || other.path.equals("/") || path.startsWith(other.path + "/");
    }
    @Override public String toString() { return path; }
}
