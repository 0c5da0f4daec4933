package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-PRIV-004: the host CPU passed through, which exposes nested virtualisation to the guest. */
final class NestedVirtualisation extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-PRIV-004", Severity.MEDIUM,
            "Host CPU and nested virtualisation exposed to the guest",
            "`cpu = host` (or `max`) hands the guest every CPU feature of the host, VMX/SVM included, so it can run "
                    + "its own hypervisor on the host's KVM: a larger and less tested attack surface, and a way to "
                    + "hide work from in-guest audit. It also ties the image to this host's CPU. The language has no "
                    + "PCI or USB pass-through at all for the same reason.",
            List.of("docs/design.md#rules  (privilege: PCI/USB passthrough or nested KVM)", "QEMU: -cpu host exposes vmx/svm",
                    "Linux KVM nested virtualization documentation"),
            "Leave `cpu` unset (the hypervisor's default model), or name a model without virtualisation extensions.",
            """
            sandbox agent {
              resources { cpu = host }
            }
            """,
            """
            sandbox agent {
              resources { vcpus = 4 }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        check.sandbox().resources().cpu().ifPresent(cpu -> {
            String model = cpu.value().split(",")[0];
            if (model.equals("host") || model.equals("max") || cpu.value().contains("+vmx") || cpu.value().contains("+svm")) {
                check.report(cpu.span(), "cpu " + cpu.value() + " exposes the host's virtualisation extensions to the guest");
            }
        });
    }
}
