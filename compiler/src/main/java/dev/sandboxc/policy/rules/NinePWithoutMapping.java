package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Hypervisor;
import dev.sandboxc.model.NinePSecurity;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.ShareProto;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-009: a writable 9p share that passes the guest's modes and owners through to the host. */
final class NinePWithoutMapping extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-009", Severity.MEDIUM,
            "Writable 9p share with security model none or passthrough",
            "With QEMU's 9p security models `none` and `passthrough`, file modes the guest sets land on the host "
                    + "as they are: the guest's root can leave set-uid or world-writable files, or files owned by "
                    + "other users where the VM runs with the rights to do so. `mapped` keeps the guest's view in "
                    + "extended attributes and creates plain files on the host. kvmtool's 9p has no mapping at all.",
            List.of("QEMU documentation: -fsdev local,security_model=", "microvm.nix shares.*.securityModel",
                    "CWE-732: Incorrect Permission Assignment for Critical Resource"),
            "Use `security = mapped` (the default) or `mapped-file`, or use virtiofs; on kvmtool, share read-only.",
            """
            sandbox agent {
              share workspace {
                source   = "."
                mount    = /workspace
                proto    = 9p
                access   = read-write
                security = passthrough
              }
            }
            """,
            """
            sandbox agent {
              share workspace {
                source   = "./src"
                mount    = /workspace
                proto    = 9p
                access   = read-write
                security = mapped
              }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Hypervisor hv = check.sandbox().hypervisor().value();
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.proto().value() != ShareProto.NINE_P || share.access().value() != Access.READ_WRITE) continue;
            NinePSecurity sec = share.security().value();
            if (hv == Hypervisor.KVMTOOL) {
                check.report(share.access().span(), "share " + share.name() + " is writable over kvmtool's 9p, which maps no modes or owners");
            } else if (sec == NinePSecurity.NONE || sec == NinePSecurity.PASSTHROUGH) {
                check.report(share.security().span(), "share " + share.name() + " is writable over 9p with security model "
                        + sec.keyword() + ": the guest's file modes reach the host");
            }
        }
    }
}
