package dev.sandboxc.model;

/** The platform of the guest (and of the host that runs it). */
public enum SystemArch implements Keyword {
    X86_64_LINUX("x86_64-linux"),
    AARCH64_LINUX("aarch64-linux");

    private final String keyword;
    SystemArch(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
