package dev.sandboxc.policy;

import dev.sandboxc.model.Span;
import java.time.LocalDate;

/**
 * Why a finding does not count: an inline `# sandboxc:ignore` comment, or an
 * exemption in the config file (the only way to set aside a critical finding).
 *
 * @param where the comment or the exemption entry
 * @param owner who answers for an exemption; null for inline suppressions
 * @param until the last day it applies, or null for no end
 */
public record Suppression(Kind kind, String justification, String owner, LocalDate until, Span where) {
    public enum Kind {
        INLINE("inSource"), EXEMPTION("external");

        private final String sarifKind;
        Kind(String sarifKind) { this.sarifKind = sarifKind; }
        public String sarifKind() { return sarifKind; }
    }
}
