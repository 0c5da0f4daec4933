package dev.sandboxc.model;

/** Where the host reads a secret at launch: an environment variable or a file. */
public record SecretSource(Kind kind, String name) {
    public enum Kind { ENV, FILE }
    @Override public String toString() { return (kind == Kind.ENV ? "env " : "file ") + '"' + name + '"'; }
}
