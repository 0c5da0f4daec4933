package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/** SBX-SHARE-002: credential folders (or a folder that contains one) shared into the guest. */
final class CredentialFolderShared extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-002", Severity.CRITICAL,
            "Credential folder shared with the guest",
            "~/.ssh, ~/.aws, ~/.gnupg, ~/.kube, ~/.docker, ~/.config and similar hold long-lived keys and tokens "
                    + "that reach far beyond the sandbox. A share of such a folder, or of any folder that contains "
                    + "one (sharing ~ shares ~/.ssh), hands them to the agent, and through its network to anyone.",
            List.of("docs/design.md#shares  (Shares)", "CWE-522: Insufficiently Protected Credentials"),
            "Remove the share. Give the agent only the one credential it needs, as a `secret` block with a "
                    + "narrowly scoped token; for git pushes, prefer a deploy key or a fine-grained token.",
            """
            sandbox agent {
              share aws {
                source = "~/.aws"
                mount  = /home/agent-aws
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

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            HostPaths.Judged p = check.paths().judge(share.source().value());
            List<String> hit = new ArrayList<>();
            for (String folder : ShareRules.CREDENTIAL_FOLDERS) {
                if (p.within(folder) || p.contains(folder)) hit.add(folder);
            }
            if (hit.isEmpty()) continue;
            String what = hit.size() == 1 && p.within(hit.get(0)) ? hit.get(0)
                    : String.join(", ", hit.subList(0, Math.min(4, hit.size()))) + (hit.size() > 4 ? ", ..." : "");
            check.report(share.source().span(), "share " + share.name() + " exposes credentials: " + what + p.via());
        }
    }
}
