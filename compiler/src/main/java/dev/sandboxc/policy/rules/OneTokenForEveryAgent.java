package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SBX-SECRET-004: one secret handed to several agents. */
final class OneTokenForEveryAgent extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-004", Severity.MEDIUM,
            "One token shared by several agents",
            "When several agents use the same key, a leak through any of them exposes all, usage and cost cannot be "
                    + "told apart, and revoking it stops them all. One narrowly scoped key per agent limits the "
                    + "damage and makes the provider's logs say which agent did what.",
            List.of("docs/design.md#autonomy  (one broad token for every agent)", "CWE-1391 / least privilege for credentials"),
            "Give each agent its own secret, with a key created for that agent alone.",
            """
            sandbox agent {
              agent opencode { api-key = secret anthropic }
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = env "ANTHROPIC_API_KEY" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """,
            """
            sandbox agent {
              agent opencode { api-key = secret opencode-key }
              agent claude-code { api-key = secret claude-key }
              secret opencode-key { from = env "OPENCODE_ANTHROPIC_KEY" }
              secret claude-key { from = env "CLAUDE_ANTHROPIC_KEY" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Map<String, List<Sandbox.Agent>> users = new LinkedHashMap<>();
        for (Sandbox.Agent a : check.sandbox().agents()) {
            a.apiKey().ifPresent(k -> users.computeIfAbsent(k.value(), x -> new ArrayList<>()).add(a));
        }
        for (var e : users.entrySet()) {
            List<Sandbox.Agent> agents = e.getValue();
            for (int i = 1; i < agents.size(); i++) {
                check.report(agents.get(i).apiKey().get().span(), "secret " + e.getKey() + " is also used by agent "
                        + agents.get(0).name() + "; " + agents.get(i).name() + " should have its own");
            }
        }
    }
}
