package dev.sandboxc.policy.rules;

import dev.sandboxc.check.Capabilities;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-AUDIT-003: the guest's records cannot leave it, because the hypervisor offers no channel. */
final class AuditStaysInGuest extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-AUDIT-003", Severity.MEDIUM,
            "Audit records stay inside the guest",
            "On qemu (virtio-serial) and cloud-hypervisor (vsock) the guest's journal and exec records stream to "
                    + "a record folder on the host as they are written, where the guest can append but never rewrite, "
                    + "and sandbox-up seals them with a SHA-256 chain. The other runners take no device sandboxc could "
                    + "add for that, so the records live only in the guest's memory: root in the guest can erase "
                    + "them, and they are gone when the VM stops. Unattended tasks (sandbox-up --task) need the same "
                    + "channel and are not offered there.",
            List.of("docs/design.md#audit  (Audit: records leave the guest; the agent has root in it)",
                    "CWE-778: Insufficient Logging"),
            "Use `hypervisor = qemu` or `hypervisor = cloud-hypervisor` when the record of the run matters.",
            """
            sandbox agent {
              hypervisor = crosvm
              agent claude-code { autonomy = full }
            }
            """,
            """
            sandbox agent {
              hypervisor = cloud-hypervisor
              agent claude-code { autonomy = full }
            }
            """,
            List.of("SBX-AUDIT-002", "SBX-PRIV-001"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox s = check.sandbox();
        Sandbox.Audit a = s.audit();
        if (Capabilities.of(s.hypervisor().value()).hostRecords()) return;
        if (!a.journal().value() && !a.commands().value()) return; // SBX-AUDIT-002 already says there is no record
        var hv = s.hypervisor();
        check.report(hv.given() ? hv.span() : s.span(), s.hypervisor().value().keyword()
                + " offers no channel to the host: the journal and exec records stay in the guest, where its root can erase them");
    }
}
