package dev.sandboxc.policy.rules;

import dev.sandboxc.check.ModelBuilder;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SUPPLY-004: a microvm.nix other than the one sandboxc's output is checked against. */
final class UntestedMicrovmPin extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SUPPLY-004", Severity.INFO,
            "microvm.nix pin differs from the tested one",
            "sandboxc's hypervisor capability table, the restricted network and the share handling are read from "
                    + "and checked against one microvm.nix commit (`sandboxc --version` names it). Another commit may "
                    + "name options differently or assert other things; the flake may then fail to evaluate, or, "
                    + "worse, evaluate with a different meaning.",
            List.of("docs/language.md (Hypervisor capabilities, read at the default pin)"),
            "Leave `microvm` unset, or check the output with that commit before relying on it.",
            """
            sandbox agent {
              microvm = "0123456789abcdef0123456789abcdef01234567"
            }
            """,
            """
            sandbox agent {
              agent aider { }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Val<String> m = check.sandbox().microvm();
        if (m.given() && !m.value().equals(ModelBuilder.DEFAULT_MICROVM)) {
            check.report(m.span(), "microvm \"" + m.value() + "\" is not the tested " + ModelBuilder.DEFAULT_MICROVM.substring(0, 12));
        }
    }
}
