package dev.sandboxc.model;

/** What the agent user may do as root in the guest. */
public enum Sudo implements Keyword {
    NONE("none"),
    PASSWORDLESS("passwordless");

    private final String keyword;
    Sudo(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
