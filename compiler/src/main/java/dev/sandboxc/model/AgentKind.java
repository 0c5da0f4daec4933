package dev.sandboxc.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sandboxc knows about one coding agent: its nixpkgs package, its executable,
 * how to switch off its permission prompts, how to give it one task, the variable
 * its API key goes in and the endpoints it must reach.
 *
 * <p>Facts checked against nixpkgs ({@code pkgs/by-name/.../package.nix}: attribute,
 * {@code meta.mainProgram}, {@code meta.license}) and each agent's own documentation;
 * docs/language.md lists them with their sources.
 *
 * @param attr     top-level nixpkgs attribute
 * @param pname    the name {@code lib.getName} sees, for allowUnfreePredicate
 * @param since    the first NixOS release whose nixpkgs has the package (YY.MM)
 * @param cli      how the current release of the agent is driven
 * @param legacy   how an older CLI shipped under the same attribute is driven, or null
 * @param legacyThrough the last NixOS release that ships the legacy CLI
 * @param domains  endpoints the agent needs, as host:port
 */
public record AgentKind(String id, String attr, String pname, String binary, boolean unfree, String since,
                        Cli cli, Cli legacy, String legacyThrough,
                        String apiKeyEnv, List<String> domains, String description) {

    /**
     * @param autonomyArgs arguments that turn off every permission prompt
     * @param autonomyEnv  environment that does the same, for agents configured that way (NAME=value)
     * @param taskArgs     arguments placed before the task text for a non-interactive run
     */
    public record Cli(List<String> autonomyArgs, List<String> autonomyEnv, List<String> taskArgs) {}

    public static final List<AgentKind> ALL = List.of(
            // pkgs/by-name/cl/claude-code: meta.license = unfree, mainProgram "claude".
            new AgentKind("claude-code", "claude-code", "claude-code", "claude", true, "25.05",
                    new Cli(List.of("--dangerously-skip-permissions"), List.of(), List.of("-p")), null, null,
                    "ANTHROPIC_API_KEY", List.of("api.anthropic.com:443"), "Anthropic's Claude Code"),
            // pkgs/by-name/ge/gemini-cli: added after 25.05 branched off (first in 25.11).
            new AgentKind("gemini-cli", "gemini-cli", "gemini-cli", "gemini", false, "25.11",
                    new Cli(List.of("--yolo"), List.of(), List.of("-p")), null, null,
                    "GEMINI_API_KEY", List.of("generativelanguage.googleapis.com:443"), "Google's Gemini CLI"),
            // pkgs/by-name/co/codex: 25.05 ships the TypeScript CLI, later releases the Rust one.
            new AgentKind("codex", "codex", "codex", "codex", false, "25.05",
                    new Cli(List.of("--dangerously-bypass-approvals-and-sandbox"), List.of(), List.of("exec", "--skip-git-repo-check")),
                    new Cli(List.of("--dangerously-auto-approve-everything"), List.of(), List.of("-q")), "25.05",
                    "OPENAI_API_KEY", List.of("api.openai.com:443"), "OpenAI's Codex CLI"),
            // pkgs/by-name/op/opencode: permissions come from OPENCODE_PERMISSION (JSON).
            new AgentKind("opencode", "opencode", "opencode", "opencode", false, "25.05",
                    new Cli(List.of(), List.of("OPENCODE_PERMISSION={\"edit\":\"allow\",\"bash\":\"allow\",\"webfetch\":\"allow\"}"),
                            List.of("run")), null, null,
                    "ANTHROPIC_API_KEY", List.of("api.anthropic.com:443"), "SST's opencode"),
            // pkgs/by-name/ai/aider-chat: mainProgram "aider".
            new AgentKind("aider", "aider-chat", "aider-chat", "aider", false, "25.05",
                    new Cli(List.of("--yes-always"), List.of(), List.of("--message")), null, null,
                    "OPENAI_API_KEY", List.of("api.openai.com:443"), "Aider"),
            // pkgs/by-name/go/goose-cli: GOOSE_MODE=auto approves every tool call.
            new AgentKind("goose", "goose-cli", "goose-cli", "goose", false, "25.05",
                    new Cli(List.of(), List.of("GOOSE_MODE=auto"), List.of("run", "-t")), null, null,
                    "OPENAI_API_KEY", List.of("api.openai.com:443"), "Block's goose"));

    public static AgentKind find(String id) {
        for (AgentKind k : ALL) if (k.id.equals(id)) return k;
        return null;
    }

    public static List<String> ids() {
        return ALL.stream().map(AgentKind::id).toList();
    }

    private static final Pattern RELEASE = Pattern.compile("nixos-(\\d\\d\\.\\d\\d)(?:-small)?");

    /** The release a nixpkgs branch names as YYMM (2505), or -1 for unstable branches and revisions. */
    public static int release(String nixpkgs) {
        Matcher m = RELEASE.matcher(nixpkgs);
        return m.matches() ? yymm(m.group(1)) : -1;
    }

    /** "25.05" as 2505, so releases compare as numbers. */
    private static int yymm(String release) {
        return Integer.parseInt(release.replace(".", ""));
    }

    /** False when the named NixOS release predates the package; true when unknown (unstable, a revision). */
    public boolean availableIn(String nixpkgs) {
        int r = release(nixpkgs);
        return r < 0 || r >= yymm(since);
    }

    /** The CLI that the pinned nixpkgs ships under this attribute. */
    public Cli cliFor(String nixpkgs) {
        int r = release(nixpkgs);
        return legacy != null && r >= 0 && r <= yymm(legacyThrough) ? legacy : cli;
    }
}
