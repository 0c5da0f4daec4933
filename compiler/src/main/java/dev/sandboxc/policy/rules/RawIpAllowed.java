package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Domain;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-008: a bare IP address in the allowlist. */
final class RawIpAllowed extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-008", Severity.MEDIUM,
            "Raw IP address in the allowlist",
            "An IP address says nothing about who is behind it, changes owner when a cloud address is released, "
                    + "and cannot be checked against a certificate's name. Reviewers cannot tell whether it is the "
                    + "service they meant, and the proxy's log shows only a number.",
            List.of("docs/design.md#rules  (network: raw IPs allowed)"),
            "Allow the service by its host name.",
            """
            sandbox agent {
              network { allow = [ "203.0.113.7:443" ] }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "api.example.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Val<Domain> d : check.sandbox().network().allow()) {
            // Internal addresses are SBX-NET-005's.
            if (d.value().ipLiteral() && PrivateAddressReachable.why(d.value()) == null) {
                check.report(d.span(), d.value().pattern() + " is an address, not a name: nobody can tell what it is");
            }
        }
    }
}
