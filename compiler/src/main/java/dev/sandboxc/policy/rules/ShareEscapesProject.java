package dev.sandboxc.policy.rules;

import dev.sandboxc.model.HostPath;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-006: a relative share that leaves the project, through `..` or a symlink. */
final class ShareEscapesProject extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-006", Severity.MEDIUM,
            "Share escapes the project",
            "A relative source reads as \"part of this project\", and reviewers judge it so. Through `..` or a "
                    + "symlink it can reach folders next to the project or anywhere else on the host, which then "
                    + "change with wherever the repository is checked out. The project is the git work tree that "
                    + "holds the .sandbox file (or its folder outside git); symlinks are followed when the path exists.",
            List.of("docs/design.md#shares  (Shares)", "CWE-59: Improper Link Resolution Before File Access",
                    "CWE-22: Path Traversal"),
            "Share a folder inside the project, or, if a folder outside it is really meant, write its absolute "
                    + "path so that reviewers see what is shared.",
            """
            sandbox agent {
              share sibling {
                source = "../../other-project"
                mount  = /other
              }
            }
            """,
            """
            sandbox agent {
              share docs {
                source = "./docs"
                mount  = /docs
              }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            if (share.source().value().kind() != HostPath.Kind.RELATIVE) continue;
            HostPaths.Judged p = check.paths().judge(share.source().value());
            if (p.escapes()) {
                check.report(share.source().span(), "share " + share.name() + " leaves the project " + check.paths().project()
                        + ": it leads to " + p.escapesTo());
            }
        }
    }
}
