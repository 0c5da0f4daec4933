package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-META-005: a suppression that matches nothing is stale. */
final class SuppressionUnused extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-META-005", Severity.LOW,
            "Suppression that matches no finding",
            "A suppression whose finding is gone (the setting was fixed, or moved to another line) would silently "
                    + "cover whatever the next edit puts there. Stale suppressions are reported so they get removed.",
            List.of("docs/design.md#suppressions-and-exemptions  (suppression hygiene)", "ruff's unused-noqa (RUF100)"),
            "Remove the comment, or move it to the line of the finding it is meant for (the same line, or the line "
                    + "above).",
            """
            sandbox agent {
              network {
                # sandboxc:ignore SBX-NET-009 reason="git over ssh to our own server"
                allow = [ "git.example.com:443" ]
              }
            }
            """,
            """
            sandbox agent {
              network {
                allow = [ "git.example.com:443" ]
              }
            }
            """);

    @Override public RuleInfo info() { return INFO; }
}
