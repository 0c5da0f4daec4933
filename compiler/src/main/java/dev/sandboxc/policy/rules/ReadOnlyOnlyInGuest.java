package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Hypervisor;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.ShareProto;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-010: a read-only 9p share on kvmtool, which only the guest's mount option keeps read-only. */
final class ReadOnlyOnlyInGuest extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-010", Severity.MEDIUM,
            "Read-only share enforced only inside the guest",
            "sandboxc has the host refuse writes to read-only shares: virtiofs shares are served by virtiofsd "
                    + "--readonly, and read-only 9p shares on qemu get -fsdev readonly=on. kvmtool's 9p has no such "
                    + "switch, so there a read-only share is read-only only because the guest mounts it so; root in "
                    + "the guest can remount it read-write and change the host's files.",
            List.of("docs/design.md#the-threat-model  (anything enforced only inside the guest is enforced against nobody)",
                    "QEMU documentation: -fsdev local,readonly=on"),
            "Use a hypervisor that enforces it (qemu, with 9p or virtiofs; cloud-hypervisor, crosvm, stratovirt "
                    + "or alioth with virtiofs); on kvmtool, share only what the guest may change, or nothing.",
            """
            sandbox agent {
              hypervisor = kvmtool
              share docs {
                source = "./docs"
                mount  = /docs
                proto  = 9p
              }
            }
            """,
            """
            sandbox agent {
              hypervisor = qemu
              share docs {
                source = "./docs"
                mount  = /docs
                proto  = 9p
              }
            }
            """,
            List.of("SBX-SHARE-009"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.proto().value() == ShareProto.NINE_P && share.access().value() == Access.READ_ONLY
                    && check.sandbox().hypervisor().value() == Hypervisor.KVMTOOL) {
                check.report(share.proto().given() ? share.proto().span() : share.span(), "share " + share.name()
                        + " is read-only only by the guest's mount option: kvmtool's 9p cannot refuse writes on the host");
            }
        }
    }
}
