package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-PRIV-003: the host's ssh-agent, gpg-agent, keyring or git credential helper reaches the guest. */
final class AgentSocketShared extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-PRIV-003", Severity.CRITICAL,
            "SSH agent, GPG agent or credential helper forwarded into the guest",
            "An agent socket signs with the user's keys for as long as it is reachable: through a forwarded "
                    + "ssh-agent the guest can push to every repository and log in to every server the user can, "
                    + "without ever seeing the key. The same holds for gpg-agent (signing commits as the user), "
                    + "the desktop keyring and git credential stores.",
            List.of("docs/design.md#rules  (privilege: ssh-agent or git credential helper forwarded)",
                    "OpenSSH ssh_config(5): ForwardAgent warning", "CWE-441: Unintended Proxy or Intermediary"),
            "Remove the share. Give the guest its own deploy key or fine-grained token as a `secret`, limited to "
                    + "the repository it works on.",
            """
            sandbox agent {
              share ssh-agent {
                source = "/run/user/1000/gnupg"
                mount  = /host-gnupg
              }
            }
            """,
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = env "ANTHROPIC_API_KEY" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """,
            List.of("SBX-SHARE-002", "SBX-SHARE-004"));

    private static final java.util.regex.Pattern SSH_AGENT_TMP = java.util.regex.Pattern.compile("/tmp/ssh-[^/]*(/.*)?");
    private static final java.util.regex.Pattern RUN_USER = java.util.regex.Pattern.compile("/run/user/\\d+");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            HostPaths.Judged p = check.paths().judge(share.source().value());
            String what = null;
            for (String v : p.views()) {
                String lower = v.toLowerCase(java.util.Locale.ROOT);
                if (SSH_AGENT_TMP.matcher(lower).matches() || lower.contains("ssh-agent") || lower.contains("/ssh/agent")
                        || lower.startsWith("~/.ssh/agent")) what = "an ssh-agent socket";
                else if (lower.contains("gnupg") || lower.contains("gpg-agent")) what = "the gpg-agent";
                else if (lower.contains("keyring") || lower.endsWith("/gcr")) what = "the desktop keyring";
                else if (lower.endsWith(".git-credentials") || lower.contains("/git/credentials") || lower.equals("~/.config/gh")
                        || lower.startsWith("~/.config/gh/")) what = "a git credential store";
                else if (RUN_USER.matcher(lower).matches()) what = "the user's agent sockets (/run/user holds ssh-agent, gpg-agent and keyring sockets)";
                if (what != null) break;
            }
            if (what != null) check.report(share.source().span(), "share " + share.name() + " gives the guest " + what + p.via());
        }
    }
}
