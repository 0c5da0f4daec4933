package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-001: a home folder or the host's root shared into the guest. */
final class HomeOrRootShared extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-001", Severity.CRITICAL,
            "Home folder or / shared with the guest",
            "A home folder holds SSH and cloud credentials, browser profiles, shell start-up files and every other "
                    + "project; / holds all of that and the system. An agent with such a share can read every secret "
                    + "of the user and, if the share is writable, plant code the user will run (~/.bashrc, git hooks). "
                    + "Paths are judged as the host sees them: `~`, `..` and symlinks are resolved.",
            List.of("docs/design.md#shares  (Shares)", "Agent MicroVMs page, best practice 2: \"Bad: share entire home directory\"",
                    "CWE-552: Files or Directories Accessible to External Parties"),
            "Share only the project the agent works on (`source = \".\"`), and pass credentials it needs as "
                    + "`secret` blocks.",
            """
            sandbox agent {
              share home {
                source = "~"
                mount  = /host-home
                access = read-write
              }
            }
            """,
            """
            sandbox agent {
              share workspace {
                source = "."
                mount  = /workspace
                access = read-write
              }
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            HostPaths.Judged p = check.paths().judge(share.source().value());
            if (p.is("/")) {
                check.report(share.source().span(), "share " + share.name() + " exposes the host's whole file system" + p.via());
            } else if (p.is("~", "/home", "/Users", "/root")) {
                check.report(share.source().span(), "share " + share.name() + " exposes a home folder" + p.via()
                        + ": every credential and project of the user");
            }
        }
    }
}
