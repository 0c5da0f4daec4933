package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SECRET-005: a password written into the configuration. */
final class InitialPassword extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-005", Severity.HIGH,
            "Password in the configuration",
            "`initial-password` becomes NixOS's users.users.NAME.initialPassword: a clear-text password in the "
                    + "world-readable Nix store, the same in every run and every copy of the image. The seed setup "
                    + "used `initialPassword = \"agent\"` together with passwordless sudo. The guest needs no "
                    + "password: the console logs in automatically and sshd takes keys only.",
            List.of("docs/design.md#privilege  (Privilege: no passwords in the store; initialPassword is a finding)",
                    "NixOS manual: users.users.<name>.initialPassword (stored in the Nix store)",
                    "CWE-259: Use of Hard-coded Password"),
            "Remove initial-password. Use the automatic console login, or `ssh { authorized-keys = ... }`.",
            """
            sandbox agent {
              user agent { initial-password = "agent" }
            }
            """,
            """
            sandbox agent {
              user agent { ssh { authorized-keys = file "~/.ssh/id_ed25519.pub" } }
              network { mode = allowlist; allow = [ "github.com:443" ]; forward = [ tcp 127.0.0.1:2222 -> 22 ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        check.sandbox().user().initialPassword().ifPresent(pw -> check.report(pw.span(),
                "user " + check.sandbox().user().name() + " gets a password that is written into the Nix store"));
    }
}
