package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-META-002: a suppression must name a rule that exists. */
final class SuppressionOfUnknownRule extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-META-002", Severity.HIGH,
            "Suppression of an unknown rule",
            "A suppression naming a rule that does not exist (a typo, or a rule renamed) silences nothing, "
                    + "while the file reads as if a finding had been looked at and accepted.",
            List.of("docs/design.md#suppressions-and-exemptions  (suppression hygiene)"),
            "Name the rule exactly as `sandboxc rules` lists it, or remove the comment.",
            """
            sandbox agent {
              network {
                # sandboxc:ignore SBX-NET-09 reason="git over ssh to our own server"
                allow = [ "git.example.com:22" ]
              }
            }
            """,
            """
            sandbox agent {
              network {
                # sandboxc:ignore SBX-NET-009 reason="git over ssh to our own server"
                allow = [ "git.example.com:22" ]
              }
            }
            """);

    @Override public RuleInfo info() { return INFO; }
}
