package dev.sandboxc.policy.rules;

import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-001: the guest can reach the whole internet. */
final class EgressWithoutAllowlist extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-001", Severity.HIGH,
            "Network on without an allowlist",
            "An agent with open egress can send the project, the secrets it was given and anything it can read to "
                    + "any server, and fetch and run anything. Prompt injection in a web page, an issue or a "
                    + "dependency turns that into exfiltration. The seed setup used unrestricted NAT. Egress should "
                    + "name the endpoints the agent needs: its model API, the git host, the package registry.",
            List.of("docs/design.md#egress  (Egress is enforced on the host)", "docs/design.md#why-sandboxc-exists  (the seed's NAT interface)",
                    "CWE-923: Improper Restriction of Communication Channel to Intended Endpoints"),
            "List what the agent needs: `network { allow = [ \"api.anthropic.com:443\", \"github.com:443\" ] }`, or "
                    + "`egress = none` for offline work.",
            """
            sandbox agent {
              network { mode = nat }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "api.anthropic.com:443", "github.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Network n = check.sandbox().network();
        NetMode mode = n.mode().value();
        if (mode == NetMode.NAT) {
            check.report(n.mode().span(), "network " + mode.keyword() + " lets the guest reach any address");
        } else if (mode == NetMode.TAP || mode == NetMode.BRIDGE) {
            check.report(n.mode().span(), "network " + mode.keyword() + " has no allowlist: the guest reaches whatever the host routes");
        }
    }
}
