package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SBX-AUDIT-002: an audit source switched off. */
final class AuditSourceOff extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-AUDIT-002", Severity.MEDIUM,
            "Audit source switched off",
            "After an autonomous run the record is how you find out what happened: which commands ran (auditd "
                    + "execve records), what was typed and answered (shell history, agent transcripts), what the "
                    + "system logged (the journal), where the network went (the egress proxy's decisions). Each "
                    + "source switched off is a blind spot exactly where an agent that went wrong would act.",
            List.of("docs/design.md#audit  (Audit: every exec, shell history, the agent's transcript, the journal, the proxy)",
                    "CWE-778: Insufficient Logging"),
            "Leave audit on (the default): remove the `= off` settings.",
            """
            sandbox agent {
              audit { commands = off; sessions = off }
            }
            """,
            """
            sandbox agent {
              audit { commands = on; sessions = on; journal = on; egress = on }
            }
            """,
            List.of("SBX-PRIV-001"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Audit a = check.sandbox().audit();
        Map<String, Val<Boolean>> sources = new LinkedHashMap<>();
        sources.put("commands (auditd execve records)", a.commands());
        sources.put("sessions (history and agent transcripts)", a.sessions());
        sources.put("journal", a.journal());
        sources.put("egress (the proxy's decisions)", a.egress());
        for (var e : sources.entrySet()) {
            if (!e.getValue().value()) check.report(e.getValue().span(), "audit of " + e.getKey() + " is off");
        }
    }
}
