package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/** SBX-RES-001: memory or vCPUs not written down. */
final class ResourcesLeftAtDefault extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-RES-001", Severity.LOW,
            "Memory or vCPUs left at the default",
            "Every sandbox gets a memory size and a vCPU count (sandboxc's defaults are 4 GiB and 2), but a file "
                    + "that does not say so leaves the reader guessing what the VM may take from the host, and a "
                    + "change of defaults changes the VM. Writing them down makes the budget part of the review.",
            List.of("docs/design.md#resources  (Resources: memory, vcpus and a wall-clock timeout always set)"),
            "Write them: `resources { memory = 4 GiB; vcpus = 2; timeout = 60 min }`.",
            """
            sandbox agent {
              agent aider { }
            }
            """,
            """
            sandbox agent {
              resources { memory = 4 GiB; vcpus = 2; timeout = 60 min }
              agent aider { }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Resources r = check.sandbox().resources();
        List<String> unset = new ArrayList<>();
        if (!r.memory().given()) unset.add("memory (" + r.memory().value() + ")");
        if (!r.vcpus().given()) unset.add("vcpus (" + r.vcpus().value() + ")");
        if (!unset.isEmpty()) {
            check.report(r.memory().given() ? r.vcpus().span() : r.memory().span(),
                    "sandbox " + check.sandbox().name() + " leaves " + String.join(" and ", unset) + " at the default");
        }
    }
}
