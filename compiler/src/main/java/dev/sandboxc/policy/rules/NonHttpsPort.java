package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Domain;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-009: an allowlist entry on a port other than 443, or one for plain HTTP (allow-http). */
final class NonHttpsPort extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-009", Severity.LOW,
            "Non-HTTPS port or plain HTTP allowed",
            "The allowlist proxy sees TLS connections to named hosts; anything else is harder to account for. "
                    + "Plain HTTP (port 80, or any `allow-http` entry) is readable and changeable on the way, so what "
                    + "the agent downloads can be swapped by anyone on the path; port 22 to a git host carries "
                    + "pushes with whatever key the guest holds; other ports are often tunnels or services the "
                    + "reviewer did not expect.",
            List.of("docs/design.md#rules  (network: non-HTTPS ports allowed)", "CWE-319: Cleartext Transmission of Sensitive Information"),
            "Use the service over HTTPS on port 443 (git over https, registries over https).",
            """
            sandbox agent {
              network { allow = [ "github.com:22" ] }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "github.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Val<Domain> d : check.sandbox().network().allow()) {
            int port = d.value().port();
            if (d.value().plainHttp()) {
                check.report(d.span(), d.value().pattern() + " allows plain-HTTP requests (readable and changeable on the way)");
                continue;
            }
            if (port == 443) continue;
            String what = port == 80 ? "plain HTTP" : port == 22 ? "SSH" : "not HTTPS";
            check.report(d.span(), d.value().pattern() + " allows port " + port + " (" + what + ")");
        }
    }
}
