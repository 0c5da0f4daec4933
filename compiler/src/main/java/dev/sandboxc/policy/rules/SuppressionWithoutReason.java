package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-META-001: an inline suppression must say why (and name a rule). */
final class SuppressionWithoutReason extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-META-001", Severity.HIGH,
            "Suppression without a reason",
            "A `# sandboxc:ignore` comment without `reason=\"...\"` (or without a rule ID) silences a security "
                    + "finding with no record of why. Reviewers cannot judge it and nobody revisits it. A suppression "
                    + "without a reason therefore suppresses nothing, and is itself reported.",
            List.of("docs/design.md#suppressions-and-exemptions  (suppression hygiene)", "semgrep nosemgrep and checkov skip comments, which also take a reason"),
            "Add the reason in double quotes, and an end date if the exception is temporary: "
                    + "`# sandboxc:ignore SBX-NET-009 reason=\"git over ssh to our own server\" until=2027-01-31`.",
            """
            sandbox agent {
              network {
                # sandboxc:ignore SBX-NET-009
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
