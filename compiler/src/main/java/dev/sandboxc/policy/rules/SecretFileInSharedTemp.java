package dev.sandboxc.policy.rules;

import dev.sandboxc.model.HostPath;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.SecretSource;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SECRET-007: a secret read from a world-writable temporary folder. */
final class SecretFileInSharedTemp extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-007", Severity.MEDIUM,
            "Secret read from a shared temporary folder",
            "/tmp, /var/tmp and /dev/shm are writable by every user of the host. A secret file there can be read "
                    + "by others if its mode slips, and another user can plant a file of that name first, so the "
                    + "agent runs with a key the attacker controls (and reports to them).",
            List.of("CWE-377: Insecure Temporary File", "CWE-379"),
            "Keep the secret in a folder only you can write: /run/secrets (agenix, sops-nix), $XDG_RUNTIME_DIR, or "
                    + "~/.config/sandboxc/ with mode 0700; or read it from the environment.",
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = file "/tmp/anthropic.key" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """,
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = file "/run/secrets/anthropic" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Secret secret : check.sandbox().secrets()) {
            if (secret.from().value().kind() != SecretSource.Kind.FILE) continue;
            HostPaths.Judged p = check.paths().judge(HostPath.of(secret.from().value().name()));
            for (String tmp : List.of("/tmp", "/var/tmp", "/dev/shm")) {
                if (p.within(tmp)) {
                    check.report(secret.from().span(), "secret " + secret.name() + " is read from " + tmp
                            + ", which every user of the host can write");
                    break;
                }
            }
        }
    }
}
