package dev.sandboxc.model;

/** Whether the guest may write a share. */
public enum Access implements Keyword {
    READ_ONLY("read-only"),
    READ_WRITE("read-write");

    private final String keyword;
    Access(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
