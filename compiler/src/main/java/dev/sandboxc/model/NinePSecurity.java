package dev.sandboxc.model;

/**
 * How a 9p share maps guest file ownership and modes onto the host (QEMU's
 * security_model). {@code mapped} keeps them in extended attributes, so the guest
 * cannot create set-uid files or device nodes on the host.
 */
public enum NinePSecurity implements Keyword {
    MAPPED("mapped"),
    MAPPED_FILE("mapped-file"),
    PASSTHROUGH("passthrough"),
    NONE("none");

    private final String keyword;
    NinePSecurity(String keyword) { this.keyword = keyword; }
    @Override public String keyword() { return keyword; }
}
