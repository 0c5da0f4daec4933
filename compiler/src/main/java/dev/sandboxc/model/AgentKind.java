package dev.sandboxc.model;

import java.util.List;

/**
 * What sandboxc knows about one coding agent: its nixpkgs package, its executable,
 * how to switch off its permission prompts, how to give it one task, the variable
 * its API key goes in and the endpoints it must reach. Facts checked against
 * nixpkgs (nixos-25.05) and each agent's documentation; see docs/language.md.
 *
 * @param attr          top-level nixpkgs attribute
 * @param pname         the name {@code lib.getName} sees, for allowUnfreePredicate
 * @param autonomyArgs  arguments that turn off every permission prompt
 * @param autonomyEnv   environment that does the same, for agents configured that way (NAME=value)
 * @param taskArgs      arguments placed before the task text for a non-interactive run
 * @param domains       endpoints the agent needs, as host:port
 */
public record AgentKind(String id, String attr, String pname, String binary, boolean unfree,
                        List<String> autonomyArgs, List<String> autonomyEnv, List<String> taskArgs,
                        String apiKeyEnv, List<String> domains, String description) {

    public static final List<AgentKind> ALL = List.of(
            new AgentKind("claude-code", "claude-code", "claude-code", "claude", true,
                    List.of("--dangerously-skip-permissions"), List.of(), List.of("-p"),
                    "ANTHROPIC_API_KEY", List.of("api.anthropic.com:443"), "Anthropic's Claude Code"),
            new AgentKind("gemini-cli", "gemini-cli", "gemini-cli", "gemini", false,
                    List.of("--yolo"), List.of(), List.of("-p"),
                    "GEMINI_API_KEY", List.of("generativelanguage.googleapis.com:443"), "Google's Gemini CLI"),
            new AgentKind("codex", "codex", "codex", "codex", false,
                    List.of("--dangerously-bypass-approvals-and-sandbox"), List.of(), List.of("exec"),
                    "OPENAI_API_KEY", List.of("api.openai.com:443"), "OpenAI's Codex CLI"),
            new AgentKind("opencode", "opencode", "opencode", "opencode", false,
                    List.of(), List.of("OPENCODE_PERMISSION={\"edit\":\"allow\",\"bash\":\"allow\",\"webfetch\":\"allow\"}"),
                    List.of("run"), "ANTHROPIC_API_KEY", List.of("api.anthropic.com:443"), "SST's opencode"),
            new AgentKind("aider", "aider-chat", "aider-chat", "aider", false,
                    List.of("--yes-always"), List.of(), List.of("--message"),
                    "OPENAI_API_KEY", List.of("api.openai.com:443"), "Aider"),
            new AgentKind("goose", "goose-cli", "goose-cli", "goose", false,
                    List.of(), List.of("GOOSE_MODE=auto"), List.of("run", "-t"),
                    "OPENAI_API_KEY", List.of("api.openai.com:443"), "Block's goose"));

    public static AgentKind find(String id) {
        for (AgentKind k : ALL) if (k.id.equals(id)) return k;
        return null;
    }

    public static List<String> ids() {
        return ALL.stream().map(AgentKind::id).toList();
    }
}
