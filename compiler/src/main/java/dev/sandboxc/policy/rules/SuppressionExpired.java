package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-META-003: suppressions and exemptions past their date no longer apply. */
final class SuppressionExpired extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-META-003", Severity.HIGH,
            "Suppression or exemption past its date",
            "Temporary exceptions are how risk becomes permanent. Once `until=` (inline) or `expires:` (an "
                    + "exemption in .sandboxc.yaml) has passed, the exception stops applying: the findings it "
                    + "covered count again, and this finding says so at the exception itself.",
            List.of("docs/design.md#suppressions-and-exemptions  (suppression hygiene)", "checkov and trivy expiring ignores"),
            "Fix what was suppressed and delete the comment, or, if the exception still holds, review it and move "
                    + "the date forward.",
            """
            sandbox agent {
              network {
                # sandboxc:ignore SBX-NET-009 reason="until the https mirror is up" until=2020-01-31
                allow = [ "git.example.com:22" ]
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
