package dev.sandboxc.model;

/**
 * An egress destination: a host name (lower case), optionally with a leading `*.`
 * that matches any sub-domain, and a port. {@code plainHttp} entries (from
 * {@code allow-http}, port 80 unless given) let the proxy forward plain-HTTP requests
 * to them; the others (from {@code allow}, port 443 unless given) allow CONNECT.
 */
public record Domain(String host, boolean wildcard, int port, boolean ipLiteral, boolean plainHttp) {
    /** The pattern as the docs write it: *.github.com:443. */
    public String pattern() { return (wildcard ? "*." : "") + host + ":" + port; }

    /** The line of the proxy's allowlist: the pattern, marked `http ` for plain HTTP. */
    public String allowLine() { return (plainHttp ? "http " : "") + pattern(); }

    @Override public String toString() { return allowLine(); }
}
