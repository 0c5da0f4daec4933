package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about what a sandbox may take from the host, and for how long. */
final class ResourceRules {
    static final List<Rule> ALL = List.of(new ResourcesLeftAtDefault(), new ResourcesOverBudget(), new NoTimeout(),
            new TimeoutOverBudget(), new PersistentVolume());

    private ResourceRules() {}
}
