package dev.sandboxc.model;

/** An SSH public key: given literally, or read from a host file at launch. */
public record KeySource(Kind kind, String value) {
    public enum Kind { LITERAL, FILE }
}
