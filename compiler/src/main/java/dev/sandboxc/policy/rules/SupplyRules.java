package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about where the software in the sandbox comes from. */
final class SupplyRules {
    static final List<Rule> ALL = List.of(new InputPinnedToBranch(), new UnstableChannel(), new FetchedAtRunTime(),
            new UntestedMicrovmPin());

    private SupplyRules() {}
}
