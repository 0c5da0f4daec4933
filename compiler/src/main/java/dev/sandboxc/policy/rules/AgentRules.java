package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about how much the agent may do on its own. */
final class AgentRules {
    static final List<Rule> ALL = List.of(new FullAutonomyWhileHighFindings(), new AutonomyFlagInArgs());

    private AgentRules() {}
}
