package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-RES-003: no wall-clock limit. */
final class NoTimeout extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-RES-003", Severity.HIGH,
            "No wall-clock timeout",
            "An agent with full autonomy and no deadline can loop, retry or keep working on a subverted goal for "
                    + "as long as the machine runs, spending API credit and holding its shares and network open. "
                    + "The seed setup had no limit at all (its CI job relied on `timeout 3600` around the script). "
                    + "With a timeout, sandbox-up stops the VM and tears everything down when it is reached.",
            List.of("docs/design.md#resources  (Resources: the task runner enforces the timeout and always tears the VM down)",
                    "CWE-400: Uncontrolled Resource Consumption"),
            "Give the run a limit: `resources { timeout = 60 min }`.",
            """
            sandbox agent {
              resources { memory = 4 GiB; vcpus = 2; timeout = none }
            }
            """,
            """
            sandbox agent {
              resources { memory = 4 GiB; vcpus = 2; timeout = 2 h }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        var t = check.sandbox().resources().timeout();
        if (t.value().isNone()) check.report(t.span(), "sandbox " + check.sandbox().name() + " runs without a time limit");
    }
}
