package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Autonomy;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;
import java.util.Set;

/** SBX-AGENT-002: autonomy = ask, but a bypass flag in args says otherwise. */
final class AutonomyFlagInArgs extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-AGENT-002", Severity.MEDIUM,
            "Autonomy flag passed through args",
            "`autonomy` is what reviewers and the policy read to know whether an agent acts without asking. A "
                    + "permission-bypass flag slipped into `args` makes the agent fully autonomous while the file "
                    + "says `ask`, so the rules that weigh autonomy (SBX-AGENT-001) never see it.",
            List.of("docs/design.md#autonomy  (agent autonomy)"),
            "Remove the flag from args and write `autonomy = full` if that is what is meant.",
            """
            sandbox agent {
              agent claude-code {
                args = [ "--dangerously-skip-permissions" ]
              }
            }
            """,
            """
            sandbox agent {
              agent claude-code {
                autonomy = full
              }
            }
            """,
            List.of("SBX-AGENT-001"));

    static final Set<String> BYPASS = Set.of("--dangerously-skip-permissions", "--yolo", "-y",
            "--dangerously-bypass-approvals-and-sandbox", "--dangerously-auto-approve-everything", "--yes-always",
            "--full-auto", "--approval-mode=yolo", "--permission-mode=bypassPermissions");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Agent a : check.sandbox().agents()) {
            if (a.autonomy().value() != Autonomy.ASK) continue;
            for (Val<String> arg : a.args()) {
                if (BYPASS.contains(arg.value())) {
                    check.report(arg.span(), "agent " + a.name() + " is told " + arg.value() + " while its autonomy says ask");
                }
            }
        }
    }
}
