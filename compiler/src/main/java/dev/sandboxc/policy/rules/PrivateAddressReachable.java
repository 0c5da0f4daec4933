package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Domain;
import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-005: loopback, private, link-local or cloud metadata addresses reachable from the guest. */
final class PrivateAddressReachable extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-005", Severity.HIGH,
            "Private, loopback, link-local or metadata address reachable",
            "Addresses inside the host or its network are where the valuable targets are: the cloud metadata "
                    + "service at 169.254.169.254 hands out the machine's credentials, and loopback and LAN services "
                    + "(databases, Docker's API, admin panels) often trust whoever can connect. An allowlist entry "
                    + "for such an address, or a local name (`localhost`, `*.internal`, `*.local`), opens them to the "
                    + "agent. qemu's unrestricted user network (`nat`) also lets the guest reach the host's own "
                    + "loopback services at 10.0.2.2.",
            List.of("docs/design.md#egress  (the proxy refuses private, loopback, link-local and metadata addresses)",
                    "RFC 1918, RFC 3927, RFC 6598", "CWE-918: Server-Side Request Forgery"),
            "Remove the entry. If the agent needs a local service, run it inside the guest.",
            """
            sandbox agent {
              network { allow = [ "169.254.169.254:80", "metadata.google.internal:80" ] }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox.Network n = check.sandbox().network();
        if (n.mode().value() == NetMode.NAT) {
            check.report(n.mode().span(), "network nat lets the guest reach the host's loopback services at 10.0.2.2");
        }
        for (Val<Domain> d : n.allow()) {
            String why = why(d.value());
            if (why != null) check.report(d.span(), d.value().pattern() + " is " + why);
        }
    }

    /** What kind of internal address this is, or null for a public one. */
    static String why(Domain d) {
        String h = d.host();
        if (d.ipLiteral()) {
            String[] p = h.split("\\.");
            if (p.length != 4) return null;
            int a = Integer.parseInt(p[0]), b = Integer.parseInt(p[1]);
            if (h.equals("169.254.169.254")) return "the cloud metadata service";
            if (a == 127) return "a loopback address";
            if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) return "a private address";
            if (a == 169 && b == 254) return "a link-local address";
            if (a == 100 && b >= 64 && b <= 127) return "a carrier-grade NAT address";
            if (a == 0) return "the unspecified address";
            return null;
        }
        if (h.equals("metadata.google.internal") || h.equals("metadata")) return "the cloud metadata service";
        if (h.equals("localhost") || h.endsWith(".localhost")) return "loopback";
        if (h.endsWith(".internal") || h.equals("internal")) return "a name for internal hosts";
        if (h.endsWith(".local") || h.equals("local") || h.endsWith(".lan") || h.endsWith(".home.arpa")) return "a local-network name";
        return null;
    }
}
