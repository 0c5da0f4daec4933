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

/** SBX-SECRET-003: a secret file that Nix copies into the world-readable store. */
final class SecretReadIntoStore extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-003", Severity.CRITICAL,
            "Secret file that ends up in the Nix store",
            "Evaluating a flake copies its source tree into /nix/store, which every user and process on the machine "
                    + "can read, and which is kept until garbage collection. A secret file inside the project (a "
                    + "relative path, or an absolute path below the project) is copied with it; a path in /nix/store "
                    + "is there already. The secret is then readable by anyone on the host, and by the guest, which "
                    + "sees the store.",
            List.of("docs/design.md#secrets  (Secrets never enter the Nix store)", "Nix manual: flakes copy their source to the store",
                    "CWE-312: Cleartext Storage of Sensitive Information"),
            "Keep secret files outside the project, in a private folder such as /run/secrets (agenix, sops-nix) or "
                    + "~/.config/sandboxc/ with mode 0600, or read the secret from the environment: "
                    + "`from = env \"VARIABLE\"`.",
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = file "./secrets/anthropic.key" }
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
            SecretSource from = secret.from().value();
            if (from.kind() != SecretSource.Kind.FILE) continue;
            HostPath path = HostPath.of(from.name());
            HostPaths.Judged p = check.paths().judge(path);
            String project = check.paths().project().toString();
            if (p.within("/nix/store")) {
                check.report(secret.from().span(), "secret " + secret.name() + " is read from the Nix store, which everyone can read");
            } else if (path.kind() != HostPath.Kind.HOME && p.within(project)) {
                check.report(secret.from().span(), "secret " + secret.name() + " lies inside the project " + project
                        + ", which Nix copies into the world-readable store with the flake");
            }
        }
    }
}
