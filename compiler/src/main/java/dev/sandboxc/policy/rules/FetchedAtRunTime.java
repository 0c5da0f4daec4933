package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** SBX-SUPPLY-003: software downloaded and run when the agent starts. */
final class FetchedAtRunTime extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SUPPLY-003", Severity.HIGH,
            "Software fetched at run time",
            "`npx -y pkg@latest`, `curl ... | sh`, `pip install` or `go install ...@latest` in an agent's "
                    + "arguments (an MCP server, a plug-in) run whatever the registry serves at that moment, "
                    + "unpinned and unreviewed, with the agent's access. The image is meant to hold everything: "
                    + "Nix pins it, and the allowlist need not include the registries.",
            List.of("docs/design.md#autonomy  (supply: agents installed at run time from @latest)",
                    "CWE-494: Download of Code Without Integrity Check", "CWE-829"),
            "Add the tool to `packages` (a nixpkgs attribute, pinned by the flake) and call it by name.",
            """
            sandbox agent {
              agent claude-code {
                args = [ "--mcp-config", "npx -y @acme/mcp-server@latest" ]
              }
            }
            """,
            """
            sandbox agent {
              packages = [ mcp-server-fetch ]
              agent claude-code {
                args = [ "--mcp-config", "/etc/agent/mcp.json" ]
              }
            }
            """);

    private static final Pattern FETCH = Pattern.compile(
            "(?i)@latest\\b|\\bnpx\\s+(-y|--yes)\\b|\\b(curl|wget)\\b[^|]*\\|\\s*(ba|z)?sh\\b|\\bpip3?\\s+install\\b"
                    + "|\\bnpm\\s+(i|install)\\s+(-g|--global)\\b|\\buvx\\s|\\bgo\\s+install\\s|\\bcargo\\s+install\\s"
                    + "|\\bpipx\\s+run\\b|\\bbunx\\s");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Agent a : check.sandbox().agents()) {
            for (Val<String> arg : a.args()) {
                var m = FETCH.matcher(arg.value());
                if (m.find()) {
                    check.report(arg.span(), "agent " + a.name() + " fetches software when it runs (" + m.group().trim() + ")");
                }
            }
        }
    }
}
