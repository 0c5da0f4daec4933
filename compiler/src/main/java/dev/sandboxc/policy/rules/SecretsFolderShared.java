package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;
import java.util.Locale;

/** SBX-SECRET-006: a folder of secrets shared into the guest (worse: writable). */
final class SecretsFolderShared extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-006", Severity.CRITICAL,
            "Secrets folder shared with the guest",
            "The seed setup shared /run/secrets/agent into the guest read-write: every secret in it is exposed, not "
                    + "only the one an agent needs, and the guest can replace them, so the host or the next run "
                    + "picks up a key of the agent's choosing. Secrets belong in `secret` blocks: read on the host "
                    + "at launch, delivered read-only one by one, removed when the VM stops. A read-only share of a "
                    + "secrets folder is reported as high, a writable one as critical.",
            List.of("docs/design.md#why-sandboxc-exists  (the seed shared the secrets folder read-write)", "docs/design.md#secrets  (Secrets)",
                    "CWE-732: Incorrect Permission Assignment for Critical Resource"),
            "Remove the share and declare each needed value as `secret NAME { from = file \"/run/secrets/agent/NAME\" }`, "
                    + "referenced from the agent that uses it.",
            """
            sandbox agent {
              share secrets {
                source = "/run/secrets/agent"
                mount  = /secrets
                access = read-write
              }
            }
            """,
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = file "/run/secrets/agent/anthropic" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    static final List<String> SECRET_FOLDERS = List.of("/run/secrets", "/run/agenix", "/run/keys", "/var/lib/secrets",
            "/etc/secrets", "~/.secrets", "~/secrets", "/run/credentials");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            HostPaths.Judged p = check.paths().judge(share.source().value());
            boolean hit = SECRET_FOLDERS.stream().anyMatch(f -> p.within(f) || (p.contains(f) && !p.is("/", "~")));
            if (!hit) {
                for (String v : p.views()) {
                    String last = v.substring(v.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                    if (last.equals(".env") || last.startsWith(".env.") || last.contains("secret") || last.contains("credential")
                            || last.equals("tokens") || last.equals("keys")) {
                        hit = true;
                        break;
                    }
                }
            }
            if (!hit) continue;
            boolean writable = share.access().value() == Access.READ_WRITE;
            check.report(writable ? share.access().span() : share.source().span(), writable ? Severity.CRITICAL : Severity.HIGH,
                    "share " + share.name() + " exposes a secrets folder" + p.via() + (writable ? ", and the guest can rewrite it" : ""));
        }
    }
}
