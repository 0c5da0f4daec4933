package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** The compiler's warnings (docs/language.md, "Warnings"), as findings of lint. */
final class CompilerWarnings {
    private CompilerWarnings() {}

    static final String LANGUAGE = "docs/language.md (Warnings)";

    /** W102: a package or allowed domain listed twice. */
    static final class ListedTwice extends CompilerWarning {
        static final RuleInfo INFO = new RuleInfo("W102", Severity.INFO,
                "Entry listed twice",
                "A package or an allowed domain written twice is harmless to the VM, but the list no longer says "
                        + "plainly what the sandbox gets: a reviewer reads the second mention as a second thing, and an "
                        + "edit that removes one leaves the other.",
                List.of(LANGUAGE),
                "Remove the second mention.",
                """
                sandbox agent {
                  packages = [ ripgrep jq ripgrep ]
                }
                """,
                """
                sandbox agent {
                  packages = [ ripgrep jq ]
                }
                """);

        @Override public RuleInfo info() { return INFO; }
    }

    /** W301: a secret no agent uses. */
    static final class UnusedSecret extends CompilerWarning {
        static final RuleInfo INFO = new RuleInfo("W301", Severity.LOW,
                "Secret that no agent uses",
                "Every declared secret is read on the host at each start and delivered into the guest, where the "
                        + "agent can read it. A secret no agent is given is a credential handed to the guest for "
                        + "nothing: least privilege says it should not be there.",
                List.of(LANGUAGE, "docs/security.md (Secrets)"),
                "Give it to the agent that needs it with `api-key = secret NAME`, or remove the secret block.",
                """
                sandbox agent {
                  agent aider { }
                  secret github { from = env "GITHUB_TOKEN" }
                }
                """,
                """
                sandbox agent {
                  agent aider { }
                }
                """,
                List.of("SBX-SECRET-004"));

        @Override public RuleInfo info() { return INFO; }
    }

    /** W302: an agent without an API key while it has a network. */
    static final class AgentWithoutKey extends CompilerWarning {
        static final RuleInfo INFO = new RuleInfo("W302", Severity.INFO,
                "Agent without an API key",
                "An agent with no key declared asks for an interactive login when it starts, which an unattended "
                        + "task cannot answer, and the login's token then lives in the guest where the agent wrote it, "
                        + "not where sandbox-up delivers and removes secrets.",
                List.of(LANGUAGE),
                "Declare the key as a secret read on the host and give it to the agent: "
                        + "`secret anthropic { from = env \"ANTHROPIC_API_KEY\" }` and `api-key = secret anthropic`.",
                """
                sandbox agent {
                  agent claude-code { }
                  network { allow = [ "api.anthropic.com:443" ] }
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
    }

    /** W303: port 22 forwarded with no SSH key authorized. */
    static final class SshForwardWithoutKey extends CompilerWarning {
        static final RuleInfo INFO = new RuleInfo("W303", Severity.LOW,
                "Port 22 forwarded with no SSH key",
                "sshd runs only when a key is authorized, so a forward to port 22 without one leads nowhere; and a "
                        + "forward that leads nowhere today starts leading somewhere the day a key is added, without "
                        + "anyone looking at the forward again.",
                List.of(LANGUAGE, "docs/security.md (Privilege)"),
                "Authorize the key you log in with (`user agent { ssh { authorized-keys = [ file \"~/.ssh/id_ed25519.pub\" ] } }`), "
                        + "or remove the forward.",
                """
                sandbox agent {
                  network {
                    allow   = [ "github.com:443" ]
                    forward = [ tcp 127.0.0.1:2222 -> 22 ]
                  }
                }
                """,
                """
                sandbox agent {
                  network { allow = [ "github.com:443" ] }
                }
                """,
                List.of("SBX-PRIV-002"));

        @Override public RuleInfo info() { return INFO; }
    }

    static final List<Rule> ALL = List.of(new ListedTwice(), new UnusedSecret(), new AgentWithoutKey(), new SshForwardWithoutKey());
}
