package dev.sandboxc.policy;

import java.util.Locale;

/**
 * How bad a policy finding is, from critical down to info. The order matters:
 * {@code --fail-on high} fails on high and critical.
 */
public enum Severity {
    CRITICAL("9.5", "error"),
    HIGH("8.0", "error"),
    MEDIUM("5.5", "warning"),
    LOW("3.0", "note"),
    INFO("0.0", "note");

    private final String securitySeverity;
    private final String sarifLevel;

    Severity(String securitySeverity, String sarifLevel) {
        this.securitySeverity = securitySeverity;
        this.sarifLevel = sarifLevel;
    }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** The CVSS-like score GitHub code scanning maps to critical/high/medium/low. */
    public String securitySeverity() { return securitySeverity; }

    public String sarifLevel() { return sarifLevel; }

    /** True when this is as bad as {@code threshold} or worse. */
    public boolean atLeast(Severity threshold) { return ordinal() <= threshold.ordinal(); }

    public static Severity parse(String text) {
        for (Severity s : values()) if (s.label().equals(text.trim().toLowerCase(Locale.ROOT))) return s;
        return null;
    }
}
