package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SBX-SHARE-007: files the host later runs or trusts are writable from the guest. */
final class HostTrustedFilesWritable extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-007", Severity.HIGH,
            "Files the host runs or trusts are writable from the guest",
            "Some files in a project are executed or trusted by the host later, outside the sandbox: git hooks "
                    + "and .git/config (core.fsmonitor, core.sshCommand run programs), .envrc (direnv), flake.nix and "
                    + "flake.lock, CI workflows, pre-commit configuration, .sandboxc.yaml exemptions and the .sandbox "
                    + "file itself. An agent that can write them can run code on the host at the next `git commit`, "
                    + "`cd` or `nix develop`, or widen its own sandbox for the next run. The rule looks at what a "
                    + "writable share contains on this machine, and always counts the .sandbox file when the share "
                    + "holds it.",
            List.of("docs/design.md#shares  (Shares: files that the host will later execute or trust must not be writable)",
                    "git-config(1): core.hooksPath, core.fsmonitor", "CWE-494"),
            "Share the project read-only and give the agent a separate writable folder for its output, or share "
                    + "a subfolder that holds none of these files. Where the agent must edit the repository itself, "
                    + "review changes to these files before the host uses them, and record that decision as a "
                    + "suppression with its reason.",
            """
            sandbox agent {
              share workspace {
                source = "."
                mount  = /workspace
                access = read-write
              }
            }
            """,
            """
            sandbox agent {
              share workspace {
                source = "."
                mount  = /workspace
              }
              share out {
                source = "./agent-output"
                mount  = /output
                access = read-write
              }
            }
            """);

    /** Relative to a shared folder: what the host executes or trusts. */
    static final List<String> TRUSTED = List.of(".git", ".envrc", "flake.nix", "flake.lock", ".github/workflows",
            ".gitlab-ci.yml", ".pre-commit-config.yaml", ".sandboxc.yaml", ".vscode/tasks.json", ".direnv");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Path sandboxFile = HostPaths.fileOf(check.file().result().source());
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.access().value() != Access.READ_WRITE) continue;
            HostPaths.Judged judged = check.paths().judge(share.source().value());
            List<String> found = new ArrayList<>();
            Path dir = judged.views().stream().filter(v -> v.startsWith("/")).findFirst().map(Path::of).orElse(null);
            if (dir != null && Files.isDirectory(dir)) {
                for (String t : TRUSTED) if (Files.exists(dir.resolve(t))) found.add(t);
            }
            // The .sandbox file itself, whether or not the folder exists here (rule examples, other machines).
            for (String v : judged.views()) {
                if (v.startsWith("/") && sandboxFile.startsWith(Path.of(v))) {
                    String rel = Path.of(v).relativize(sandboxFile).toString();
                    if (!found.contains(rel)) found.add(rel);
                    break;
                }
            }
            if (found.isEmpty()) continue;
            check.report(share.access().span(), "share " + share.name() + " lets the guest write "
                    + String.join(", ", found.subList(0, Math.min(5, found.size()))) + (found.size() > 5 ? ", ..." : "")
                    + ", which the host runs or trusts");
        }
    }
}
