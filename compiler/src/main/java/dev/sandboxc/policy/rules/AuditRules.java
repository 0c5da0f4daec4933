package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about the record of what happened in the guest. */
final class AuditRules {
    static final List<Rule> ALL = List.of(new AuditInGuestWritablePlace(), new AuditSourceOff(), new AuditStaysInGuest());

    private AuditRules() {}
}
