package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Suppression hygiene. The policy engine reports these itself; the classes carry the metadata. */
public final class MetaRules {
    public static final Rule NO_REASON = new SuppressionWithoutReason();
    public static final Rule UNKNOWN_ID = new SuppressionOfUnknownRule();
    public static final Rule EXPIRED = new SuppressionExpired();
    public static final Rule CRITICAL_INLINE = new CriticalSuppressedInline();
    public static final Rule UNUSED = new SuppressionUnused();

    static final List<Rule> ALL = List.of(NO_REASON, UNKNOWN_ID, EXPIRED, CRITICAL_INLINE, UNUSED);

    private MetaRules() {}
}
