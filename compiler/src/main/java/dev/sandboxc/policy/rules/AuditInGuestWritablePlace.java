package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.GuestPath;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-AUDIT-001: the audit folder lies in a share, where the agent can rewrite it. */
final class AuditInGuestWritablePlace extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-AUDIT-001", Severity.HIGH,
            "Audit log written where the guest can rewrite it",
            "An audit log is only evidence if the audited party cannot edit it. The seed setup wrote shell history "
                    + "and the session log into /workspace, the folder the agent works in: the agent can delete or "
                    + "rewrite its own record, and the result lands in the host's project looking like a "
                    + "trustworthy log. In a read-only share the writes fail and the log is lost.",
            List.of("docs/design.md#why-sandboxc-exists  (the seed wrote the audit log into the workspace)",
                    "docs/design.md#audit  (Audit records land on the host, outside every share)",
                    "CWE-117 / CWE-779: logging that can be tampered with"),
            "Remove `dir` (history and transcripts still go to the journal), or put it on a guest folder outside "
                    + "every share, such as /var/log/sandboxc.",
            """
            sandbox agent {
              share workspace {
                source = "./src"
                mount  = /workspace
                access = read-write
              }
              audit { dir = /workspace/.agent-audit }
            }
            """,
            """
            sandbox agent {
              share workspace {
                source = "./src"
                mount  = /workspace
                access = read-write
              }
              audit { dir = /var/log/sandboxc }
            }
            """,
            List.of("SBX-PRIV-001"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox s = check.sandbox();
        s.audit().dir().ifPresent(dir -> {
            for (Sandbox.Share share : s.shares()) {
                GuestPath m = share.mount().value();
                if (!dir.value().within(m)) continue;
                if (share.access().value() == Access.READ_WRITE) {
                    check.report(dir.span(), "audit folder " + dir.value() + " is in the writable share " + share.name()
                            + ": the agent can rewrite its own record");
                } else {
                    check.report(dir.span(), Severity.MEDIUM, "audit folder " + dir.value() + " is in the read-only share "
                            + share.name() + ": nothing can be written there");
                }
                return;
            }
        });
    }
}
