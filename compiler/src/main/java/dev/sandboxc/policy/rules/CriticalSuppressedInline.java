package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-META-004: critical findings are set aside only by a reviewed exemption, never by a comment. */
final class CriticalSuppressedInline extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-META-004", Severity.HIGH,
            "Critical finding suppressed inline",
            "Anyone who can edit a .sandbox file, an agent working in the repository included, could silence a "
                    + "critical finding with a comment next to it. Critical findings can only be set aside by an "
                    + "exemption in .sandboxc.yaml, which names an owner and an expiry and is reviewed like code. "
                    + "The comment is ignored and reported.",
            List.of("docs/design.md#suppressions-and-exemptions  (critical rules cannot be suppressed inline)"),
            "Fix the critical finding. If it truly must stay, add an exemption with rule, path, statement, owner "
                    + "and expires to .sandboxc.yaml and remove the comment.",
            """
            sandbox agent {
              share home {
                # sandboxc:ignore SBX-SHARE-001 reason="the agent needs my dotfiles"
                source = "~"
                mount  = /host-home
              }
            }
            """,
            """
            sandbox agent {
              share workspace {
                source = "."
                mount  = /workspace
              }
            }
            """);

    @Override public RuleInfo info() { return INFO; }
}
