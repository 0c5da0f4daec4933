package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.ShareProto;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-010: a read-only 9p share, which only the guest's mount option keeps read-only. */
final class ReadOnlyOnlyInGuest extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-010", Severity.MEDIUM,
            "Read-only share enforced only inside the guest",
            "sandboxc serves read-only virtiofs shares with virtiofsd --readonly, so the host refuses writes "
                    + "whatever the guest does. microvm.nix writes 9p devices itself, without QEMU's readonly=on "
                    + "(and kvmtool's 9p has no such switch), so a read-only 9p share is read-only only because the "
                    + "guest mounts it so; root in the guest can remount it read-write and change the host's files.",
            List.of("DESIGN.md §5 (anything enforced only inside the guest is enforced against nobody)",
                    "QEMU documentation: -fsdev local,readonly=on"),
            "Use `proto = virtiofs` (qemu, cloud-hypervisor, crosvm, stratovirt, alioth); on kvmtool, share only "
                    + "what the guest may change, or nothing.",
            """
            sandbox agent {
              share docs {
                source = "./docs"
                mount  = /docs
                proto  = 9p
              }
            }
            """,
            """
            sandbox agent {
              share docs {
                source = "./docs"
                mount  = /docs
                proto  = virtiofs
              }
            }
            """,
            List.of("SBX-SHARE-009"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.proto().value() == ShareProto.NINE_P && share.access().value() == Access.READ_ONLY) {
                check.report(share.proto().given() ? share.proto().span() : share.span(), "share " + share.name()
                        + " is read-only only by the guest's mount option: 9p cannot refuse writes on the host here");
            }
        }
    }
}
