package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Autonomy;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-AGENT-001: an agent that acts without asking in a sandbox with open high findings. */
final class FullAutonomyWhileHighFindings extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-AGENT-001", Severity.HIGH,
            "Full autonomy while high findings stand",
            "Full autonomy (`--dangerously-skip-permissions`, `--yolo`) is safe only because the sandbox contains "
                    + "whatever the agent does. Every unsuppressed high or critical finding in the same sandbox is a "
                    + "hole in that containment, and an agent that never asks will find it without anyone "
                    + "watching. This rule is evaluated after the others and after suppressions: fix or justify "
                    + "those, and it goes away.",
            List.of("docs/design.md#autonomy  (agent: full autonomy while any high finding stands)"),
            "Fix the high findings this message lists (or suppress them with a reason), or use `autonomy = ask`.",
            """
            sandbox agent {
              agent claude-code { autonomy = full }
              network { mode = nat }
            }
            """,
            """
            sandbox agent {
              agent claude-code { autonomy = full }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public boolean weighsOtherFindings() { return true; }

    @Override public void check(SandboxCheck check) {
        List<Finding> standing = check.standing();
        if (standing.isEmpty()) return;
        List<String> ids = standing.stream().map(f -> f.rule().id()).distinct().sorted().toList();
        String list = String.join(", ", ids.subList(0, Math.min(3, ids.size()))) + (ids.size() > 3 ? ", ..." : "");
        for (Sandbox.Agent a : check.sandbox().agents()) {
            if (a.autonomy().value() == Autonomy.FULL) {
                check.report(a.autonomy().span(), a.name() + " runs with full autonomy while " + standing.size()
                        + (standing.size() == 1 ? " high finding stands: " : " high findings stand: ") + list);
            }
        }
    }
}
