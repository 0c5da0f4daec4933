package dev.sandboxc.model;

/**
 * An egress destination: a host name (lower case), optionally with a leading `*.`
 * that matches any sub-domain, and a port (443 unless given).
 */
public record Domain(String host, boolean wildcard, int port, boolean ipLiteral) {
    /** The pattern as the proxy and the docs write it: *.github.com:443. */
    public String pattern() { return (wildcard ? "*." : "") + host + ":" + port; }
    @Override public String toString() { return pattern(); }
}
