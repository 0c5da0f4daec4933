package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Domain;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;
import java.util.Set;

/** SBX-NET-003: allowlist entries that anyone can publish behind. */
final class OverBroadDomain extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-003", Severity.HIGH,
            "Over-broad egress domain",
            "An allowlist is only as narrow as its widest entry. A wildcard over a public suffix (`*.co.uk`, "
                    + "`*.com.au`; `*.com` alone is refused by the checker) allows nearly everything. Hosting and CDN domains (`*.amazonaws.com`, "
                    + "`*.cloudfront.net`, `*.github.io`, `*.workers.dev`, paste and webhook sites) serve content "
                    + "anyone can publish, so an attacker can receive exfiltrated data or serve instructions "
                    + "there. Public-suffix wildcards are high; hosting and CDN entries medium.",
            List.of("docs/design.md#rules  (network: over-broad domains)", "Public Suffix List (publicsuffix.org)",
                    "MITRE ATT&CK T1567: Exfiltration Over Web Service"),
            "Name the exact hosts the agent needs (`registry.npmjs.org:443`, `api.github.com:443`); for a bucket, "
                    + "its own host name rather than the provider's wildcard.",
            """
            sandbox agent {
              network { allow = [ "*.co.uk:443", "*.s3.amazonaws.com:443" ] }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "registry.npmjs.org:443", "my-bucket.s3.eu-west-1.amazonaws.com:443" ] }
            }
            """);

    /** Second-level labels under which registrations happen (co.uk, com.au, ...). */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go");

    /** Hosting, storage and CDN domains where anyone can publish; matched as the domain or a parent of it. */
    static final List<String> HOSTING = List.of("amazonaws.com", "cloudfront.net", "azureedge.net", "blob.core.windows.net",
            "azurewebsites.net", "fastly.net", "akamaihd.net", "herokuapp.com", "ngrok.io", "ngrok-free.app", "workers.dev",
            "pages.dev", "vercel.app", "netlify.app", "github.io", "googleusercontent.com", "appspot.com", "firebaseapp.com",
            "web.app", "pastebin.com", "transfer.sh", "webhook.site", "requestbin.net", "pipedream.net", "glitch.me",
            "repl.co", "trycloudflare.com", "r2.dev", "storage.googleapis.com", "gist.githubusercontent.com");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Val<Domain> d : check.sandbox().network().allow()) {
            Domain dom = d.value();
            if (dom.ipLiteral()) continue;
            String[] labels = dom.host().split("\\.");
            if (dom.wildcard() && (labels.length == 1
                    || (labels.length == 2 && labels[1].length() == 2 && SECOND_LEVEL.contains(labels[0])))) {
                check.report(d.span(), dom.pattern() + " allows every domain under the public suffix ." + dom.host());
                continue;
            }
            if (dom.wildcard() && dom.host().equals("googleapis.com")) {
                check.report(d.span(), Severity.MEDIUM, dom.pattern() + " includes storage.googleapis.com, where anyone can publish");
                continue;
            }
            for (String h : HOSTING) {
                if (dom.host().equals(h) || (dom.wildcard() && dom.host().endsWith("." + h))) {
                    check.report(d.span(), Severity.MEDIUM, dom.pattern() + " is " + (dom.wildcard() ? "all of " : "")
                            + h + ", where anyone can publish: a channel out for exfiltrated data");
                    break;
                }
            }
        }
    }
}
