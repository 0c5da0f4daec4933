package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SUPPLY-002: nixpkgs-unstable or nixos-unstable. */
final class UnstableChannel extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SUPPLY-002", Severity.MEDIUM,
            "Unstable nixpkgs channel",
            "The unstable channels take every change as soon as it builds, including new major versions of the "
                    + "agents themselves, without the stable release's backports-only policy. Each `nix flake "
                    + "update` then changes a large part of what runs in the sandbox, agent included.",
            List.of("docs/design.md#rules  (supply chain)", "NixOS manual: channels"),
            "Use a stable release (`nixpkgs = \"nixos-25.05\"`); if an agent needs a newer version, pin a "
                    + "reviewed commit.",
            """
            sandbox agent {
              nixpkgs = "nixos-unstable"
            }
            """,
            """
            sandbox agent {
              nixpkgs = "nixos-25.05"
            }
            """,
            List.of("SBX-SUPPLY-001"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Val<String> n = check.sandbox().nixpkgs();
        if (n.value().endsWith("-unstable")) check.report(n.span(), "\"" + n.value() + "\" changes with every update");
    }
}
