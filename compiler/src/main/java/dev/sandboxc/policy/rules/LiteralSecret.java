package dev.sandboxc.policy.rules;

import dev.sandboxc.diag.LiteralSecrets;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.FileCheck;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/**
 * SBX-SECRET-001: a value that looks like a key or token, anywhere in the file, comments
 * included, whether the file checks or not. What it finds is masked in every output
 * (LiteralSecrets).
 */
final class LiteralSecret extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-001", Severity.CRITICAL,
            "Secret written into the file",
            "A .sandbox file is committed, reviewed, copied into the Nix store with the flake and read by the agent "
                    + "it configures. A key or token written in it (in a value or a comment) is leaked to all of "
                    + "them and must be revoked. Detected: API keys and tokens by their published shapes (Anthropic, "
                    + "OpenAI, GitHub, GitLab, Slack, AWS, Google, Hugging Face, npm, Stripe), private key blocks, "
                    + "JSON web tokens, and high-entropy values in secret positions (after --api-key, --token, "
                    + "--password and similar arguments). It is reported wherever it stands, in a file with errors "
                    + "too; and sandboxc never prints it back: messages, snippets and every report format show it "
                    + "masked (`sk-ant-****`).",
            List.of("docs/design.md#secrets  (Secrets never enter the Nix store or a generated file)",
                    "CWE-798: Use of Hard-coded Credentials", "gitleaks and GitHub secret scanning token formats"),
            "Revoke the key, remove it from the file and from git history, and declare it as a secret read on the "
                    + "host at launch: `secret anthropic { from = env \"ANTHROPIC_API_KEY\" }` with "
                    + "`api-key = secret anthropic`.",
            """
            sandbox agent {
              agent claude-code {
                args = [ "--api-key", "sk-ant-api03-R2D2c3poBB8xWingYodaLeia0123456789abcdefABCDEF" ]
              }
            }
            """,
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = env "ANTHROPIC_API_KEY" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void checkFile(FileCheck check) {
        Source src = check.result().source();
        for (LiteralSecrets.Match m : LiteralSecrets.find(src.text())) {
            if (!m.reported()) continue;
            check.report(src.span(m.start(), m.end()), m.what().equals("a literal secret as an argument")
                    ? "a literal secret is written here as an argument" : "this looks like " + m.what() + " written into the file");
        }
    }

    /** Needs only the text: it runs on a file with syntax or type errors too, so a pasted key is always reported. */
    @Override public boolean textOnly() { return true; }
}
