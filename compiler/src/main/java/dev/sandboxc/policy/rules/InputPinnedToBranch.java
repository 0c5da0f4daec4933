package dev.sandboxc.policy.rules;

import dev.sandboxc.check.ModelBuilder;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SUPPLY-001: nixpkgs or microvm.nix named by a branch rather than a commit. */
final class InputPinnedToBranch extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SUPPLY-001", Severity.LOW,
            "Input pinned to a branch, not a commit",
            "A branch such as nixos-25.05 moves. The generated flake.lock pins the commit once `nix flake lock` "
                    + "ran, but only if that lock file is committed and reviewed; otherwise every machine builds "
                    + "whatever the branch holds that day, and a compromised or broken update reaches every sandbox "
                    + "at once. sandboxc's own defaults are the pair it is tested against and are not reported.",
            List.of("docs/design.md#rules  (supply: unpinned or unlocked inputs)", "Nix manual: flake.lock",
                    "SLSA: pinned dependencies"),
            "Commit the flake.lock next to the flake, or pin a commit: `nixpkgs = \"<40-hex commit>\"`.",
            """
            sandbox agent {
              nixpkgs = "nixos-24.11"
              microvm = "main"
            }
            """,
            """
            sandbox agent {
              microvm = "f30ae9b9e740116d044935c9c0c68bd1c2ce8432"
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    private static final java.util.regex.Pattern COMMIT = java.util.regex.Pattern.compile("[0-9a-f]{40}");

    @Override public void check(SandboxCheck check) {
        Sandbox s = check.sandbox();
        for (Val<String> pin : List.of(s.nixpkgs(), s.microvm())) {
            boolean testedDefault = pin.value().equals(ModelBuilder.DEFAULT_NIXPKGS) || pin.value().equals(ModelBuilder.DEFAULT_MICROVM);
            if (pin.given() && !testedDefault && !COMMIT.matcher(pin.value()).matches()) {
                check.report(pin.span(), "\"" + pin.value() + "\" is a branch; only flake.lock pins what it means");
            }
        }
    }
}
