package dev.sandboxc.policy.rules;

import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-006: the guest's interface is on the host's network. */
final class TapOntoLan extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-006", Severity.HIGH,
            "Tap or bridge network onto the host's LAN",
            "A tap interface puts the guest on a network of the host's making, and a bridge puts it directly on "
                    + "the LAN: it gets an address there, can scan and reach every device, printer and service of "
                    + "the office or home network, and is reachable from them. sandboxc cannot filter that traffic; "
                    + "only the host's firewall can.",
            List.of("docs/design.md#egress  (Unrestricted NAT, tap and bridge are possible but are findings)",
                    "docs/design.md#beyond-one-machine  (host nftables for egress, a later step)"),
            "Use `mode = allowlist` (qemu) or `none`. Where tap is required (cloud-hypervisor, firecracker), "
                    + "filter the VM's interface on the host with nftables and say so in a suppression.",
            """
            sandbox agent {
              network {
                mode   = bridge
                bridge = br0
              }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "github.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Network n = check.sandbox().network();
        NetMode mode = n.mode().value();
        if (mode == NetMode.BRIDGE) {
            check.report(n.mode().span(), "the guest joins the host bridge " + n.bridge().map(b -> b.value()).orElse("")
                    + ", directly on the LAN");
        } else if (mode == NetMode.TAP) {
            check.report(n.mode().span(), "the guest gets tap interface " + n.interfaceId().value()
                    + "; only the host's firewall limits where it reaches");
        }
    }
}
