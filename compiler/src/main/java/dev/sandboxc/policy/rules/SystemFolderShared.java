package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-003: host system folders shared into the guest. */
final class SystemFolderShared extends Rule {
    /**
     * The folders this rule flags, named in its rationale from this one list so that the
     * text and the check cannot disagree. Not /srv or /home: they hold data (site data,
     * users' files), which other rules judge.
     */
    static final List<String> SYSTEM = List.of("/etc", "/var", "/usr", "/boot", "/bin", "/sbin", "/lib", "/lib64",
            "/opt", "/proc", "/sys", "/dev", "/run", "/nix/var", "/snap", "/System", "/Library", "/private");

    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-003", Severity.HIGH,
            "Host system folder shared with the guest",
            "The host's system folders (" + String.join(", ", SYSTEM) + ", and what lies below them) describe and "
                    + "control the host: password hashes, service configuration, installed software, device nodes. "
                    + "Read-only they leak it; writable they let the guest reconfigure the host.",
            List.of("docs/design.md#shares  (Shares)", "CWE-552: Files or Directories Accessible to External Parties"),
            "Share only project folders. If the agent needs a file from there, copy it into the project first, "
                    + "or install the tool as a package of the guest.",
            """
            sandbox agent {
              share etc {
                source = "/etc"
                mount  = /host-etc
              }
            }
            """,
            """
            sandbox agent {
              packages = [ openssl ]
            }
            """);

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            HostPaths.Judged p = check.paths().judge(share.source().value());
            // Secret stores under /run are SBX-SECRET-006's; sockets under /run are SBX-SHARE-004's too.
            if (SecretsFolderShared.SECRET_FOLDERS.stream().anyMatch(p::within)) continue;
            for (String folder : SYSTEM) {
                if (p.within(folder)) {
                    check.report(share.source().span(), "share " + share.name() + " exposes the host system folder "
                            + folder + p.via() + (share.access().value() == Access.READ_WRITE ? ", writable" : ""));
                    break;
                }
            }
        }
    }
}
