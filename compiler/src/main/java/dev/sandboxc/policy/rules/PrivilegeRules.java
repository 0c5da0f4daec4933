package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.List;

/** Rules about privilege in the guest and reach into the host. */
final class PrivilegeRules {
    static final List<Rule> ALL = List.of(new PasswordlessSudo(), new SshBeyondLoopback(), new AgentSocketShared(),
            new NestedVirtualisation());

    private PrivilegeRules() {}
}
