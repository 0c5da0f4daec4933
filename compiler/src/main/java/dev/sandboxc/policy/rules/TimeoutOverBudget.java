package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Duration;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-RES-004: a timeout longer than the project allows. */
final class TimeoutOverBudget extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-RES-004", Severity.LOW,
            "Timeout above the budget",
            "A very long limit is close to none: a run gone wrong keeps going for days. The budget in "
                    + ".sandboxc.yaml sets the longest run (default 8 h, strict profile 4 h).",
            List.of("docs/design.md#rules  (resources)", "CWE-400: Uncontrolled Resource Consumption"),
            "Shorten the timeout, or raise `budget: { timeout: ... }` in .sandboxc.yaml.",
            """
            sandbox agent {
              resources { memory = 4 GiB; vcpus = 2; timeout = 3 d }
            }
            """,
            """
            sandbox agent {
              resources { memory = 4 GiB; vcpus = 2; timeout = 4 h }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        var t = check.sandbox().resources().timeout();
        long budget = check.config().budget().timeoutSeconds();
        if (!t.value().isNone() && t.value().seconds() > budget) {
            check.report(t.span(), "timeout " + t.value() + " is above the budget of " + new Duration(budget));
        }
    }
}
