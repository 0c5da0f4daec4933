package dev.sandboxc.policy.rules;

import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-004: the guest resolves names itself, so DNS is a way out. */
final class GuestResolvesDns extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-004", Severity.MEDIUM,
            "Guest resolves DNS itself",
            "A guest that sends its own DNS queries can tunnel data out through them (`<secret>.attacker.example` "
                    + "lookups reach the attacker's name server through any resolver), even where other traffic "
                    + "is filtered. With sandboxc's allowlist the host-side proxy resolves names and the guest needs "
                    + "no DNS at all.",
            List.of("docs/design.md#egress  (the proxy resolves names itself, so the guest needs no DNS)",
                    "MITRE ATT&CK T1071.004: Application Layer Protocol: DNS"),
            "Use the allowlist (`network { allow = [ ... ] }`) or no network.",
            """
            sandbox agent {
              network { mode = nat }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """,
            List.of("SBX-NET-001"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Network n = check.sandbox().network();
        NetMode mode = n.mode().value();
        if (mode == NetMode.NAT || mode == NetMode.TAP || mode == NetMode.BRIDGE) {
            check.report(n.mode().span(), "with network " + mode.keyword() + " the guest sends its own DNS queries, a channel out");
        }
    }
}
