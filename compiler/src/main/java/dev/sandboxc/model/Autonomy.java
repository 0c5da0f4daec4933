package dev.sandboxc.model;

/** Ask keeps the agent's own permission prompts; full turns them off (only ever inside the VM). */
public enum Autonomy implements Keyword {
    ASK("ask"),
    FULL("full");

    private final String keyword;
    Autonomy(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
