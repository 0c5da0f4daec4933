package dev.sandboxc.model;

/** The transport of a port forward. */
public enum Transport implements Keyword {
    TCP("tcp"),
    UDP("udp");

    private final String keyword;
    Transport(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
