package dev.sandboxc.policy.rules;

import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-002: an allowlist written down but enforced by nobody. */
final class AllowlistNotEnforced extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-002", Severity.HIGH,
            "Egress allowlist not enforced on the host",
            "sandboxc enforces an allowlist only with qemu's user network in restricted mode, where the host's "
                    + "filtering proxy is the guest's only way out. With a tap or bridge interface the guest's "
                    + "packets go wherever the host routes them; `allow` then documents an intent that nothing "
                    + "enforces (unless the host's own firewall does), and a firewall inside the guest is worthless "
                    + "once the agent is root there.",
            List.of("DESIGN.md §5 (Egress is enforced on the host; anything enforced only inside the guest is "
                    + "enforced against nobody)", "CWE-923"),
            "Use `mode = allowlist` on qemu, or filter the tap interface on the host (nftables on the VM's interface) "
                    + "and record that as a suppression with its reason.",
            """
            sandbox agent {
              network {
                mode  = tap
                allow = [ "api.anthropic.com:443" ]
              }
            }
            """,
            """
            sandbox agent {
              network {
                mode  = allowlist
                allow = [ "api.anthropic.com:443" ]
              }
            }
            """,
            List.of("SBX-NET-006"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Network n = check.sandbox().network();
        NetMode mode = n.mode().value();
        if ((mode == NetMode.TAP || mode == NetMode.BRIDGE) && !n.allow().isEmpty()) {
            check.report(n.allow().get(0).span(), "the allowlist is not enforced: with " + mode.keyword()
                    + " the guest's traffic goes wherever the host routes it");
        }
    }
}
