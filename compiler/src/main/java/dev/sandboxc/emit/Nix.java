package dev.sandboxc.emit;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Nix literal syntax. Every string that reaches a generated .nix file goes through
 * {@link #str}: whatever the characters, Nix reads back exactly the same value.
 */
public final class Nix {
    private Nix() {}

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_'-]*");
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "assert", "with", "let", "in",
            "rec", "inherit", "or", "true", "false", "null", "import");

    /**
     * A double-quoted Nix string. Escapes {@code "}, {@code \}, and {@code $} before
     * {@code {} (interpolation); newline, CR and tab as \n \r \t. Nix has no escape for
     * NUL, so callers never pass one (the front end rejects it).
     */
    public static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '$' -> b.append(i + 1 < s.length() && s.charAt(i + 1) == '{' ? "\\$" : "$");
                default -> {
                    if (c == 0) throw new IllegalArgumentException("NUL cannot be written in a Nix string");
                    b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** An attribute name: bare when it is a plain identifier, quoted otherwise. */
    public static String attr(String name) {
        return IDENT.matcher(name).matches() && !KEYWORDS.contains(name) ? name : str(name);
    }

    /** An attribute path under pkgs: pkgs.python3Packages.requests. */
    public static String pkgs(String dotted) {
        StringBuilder b = new StringBuilder("pkgs");
        for (String part : dotted.split("\\.")) b.append('.').append(attr(part));
        return b.toString();
    }
}
