package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Size;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-RES-002: more memory or vCPUs than the project's budget. */
final class ResourcesOverBudget extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-RES-002", Severity.MEDIUM,
            "Resources above the budget",
            "A runaway agent (a fork bomb, a build that never ends, a crypto miner it was talked into) takes what "
                    + "the VM is given from the host and from the other sandboxes on it. The budget in "
                    + ".sandboxc.yaml says what one sandbox may take (default 32 GiB and 16 vCPUs; the strict "
                    + "profile 16 GiB and 8).",
            List.of("docs/design.md#rules  (resources: memory/vcpus above a budget)", "CWE-400: Uncontrolled Resource Consumption"),
            "Lower memory or vcpus, or raise the budget for the project in .sandboxc.yaml: "
                    + "`budget: { memory: 64 GiB, vcpus: 32 }`.",
            """
            sandbox agent {
              resources { memory = 64 GiB; vcpus = 32; timeout = 60 min }
            }
            """,
            """
            sandbox agent {
              resources { memory = 8 GiB; vcpus = 4; timeout = 60 min }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Resources r = check.sandbox().resources();
        PolicyConfig.Budget budget = check.config().budget();
        if (r.memory().value().bytes() > budget.memoryBytes()) {
            check.report(r.memory().span(), "memory " + r.memory().value() + " is above the budget of " + new Size(budget.memoryBytes()));
        }
        if (r.vcpus().value() > budget.vcpus()) {
            check.report(r.vcpus().span(), "vcpus " + r.vcpus().value() + " is above the budget of " + budget.vcpus());
        }
    }
}
