package dev.sandboxc.policy;

import dev.sandboxc.model.Span;

/**
 * One rule's report about one construct. A suppressed finding stays in the report
 * (every format shows it, marked) but never fails the run.
 *
 * @param sandbox the sandbox it was found in, or null for file-wide findings
 */
public record Finding(RuleInfo rule, Severity severity, Span span, String message, String sandbox,
                      Suppression suppression) {

    public boolean suppressed() { return suppression != null; }

    public Finding suppress(Suppression by) {
        return new Finding(rule, severity, span, message, sandbox, by);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(rule, s, span, message, sandbox, suppression);
    }

    /** Counts against --fail-on. */
    public boolean fails(Severity threshold) { return !suppressed() && severity.atLeast(threshold); }
}
