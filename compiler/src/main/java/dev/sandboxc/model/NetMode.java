package dev.sandboxc.model;

/** How the guest reaches the network. */
public enum NetMode implements Keyword {
    NONE("none"),
    ALLOWLIST("allowlist"),
    NAT("nat"),
    TAP("tap"),
    BRIDGE("bridge");

    private final String keyword;
    NetMode(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
