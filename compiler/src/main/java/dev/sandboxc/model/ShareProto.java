package dev.sandboxc.model;

/** How a host folder reaches the guest. */
public enum ShareProto implements Keyword {
    VIRTIOFS("virtiofs"),
    NINE_P("9p");

    private final String keyword;
    ShareProto(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
