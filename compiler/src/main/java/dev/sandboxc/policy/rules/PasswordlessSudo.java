package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Access;
import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Sudo;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/** SBX-PRIV-001: passwordless sudo; how bad depends on whether egress and audit hold against root. */
final class PasswordlessSudo extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-PRIV-001", Severity.HIGH,
            "Passwordless sudo without host-enforced egress and audit",
            "With passwordless sudo the agent is root in the guest: it can change the firewall, stop auditd, edit "
                    + "the journal and rewrite anything the guest can write. That is acceptable only when what "
                    + "matters is enforced outside the guest: egress by the host (network none, or the qemu "
                    + "allowlist with restrict=on), and audit records that root in the guest cannot switch off "
                    + "(commands audited, no audit folder in a writable share). Then the finding is medium; "
                    + "otherwise it is high, as in the seed setup (wheel with wheelNeedsPassword = false, NAT, "
                    + "history written into the workspace).",
            List.of("docs/design.md#privilege  (Privilege: passwordless sudo only with host-enforced egress and host-side audit)",
                    "CWE-250: Execution with Unnecessary Privileges"),
            "Use `sudo = none` (the default) and add the tools the agent needs to `packages`. If the agent must be "
                    + "root, restrict egress to an allowlist and keep audit on.",
            """
            sandbox agent {
              user agent { sudo = passwordless }
              network { mode = nat }
            }
            """,
            """
            sandbox agent {
              user agent { sudo = none }
              packages = [ git ripgrep ]
              network { allow = [ "github.com:443" ] }
            }
            """,
            List.of("SBX-NET-001", "SBX-AUDIT-001", "SBX-AUDIT-002"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        Sandbox s = check.sandbox();
        if (s.user().sudo().value() != Sudo.PASSWORDLESS) return;
        List<String> weak = new ArrayList<>();
        NetMode mode = s.network().mode().value();
        // An allowlist exists only on qemu (E402 elsewhere), where the host-side proxy enforces it.
        boolean egressOnHost = mode == NetMode.NONE || mode == NetMode.ALLOWLIST;
        if (!egressOnHost) weak.add("egress is not enforced on the host (network " + mode.keyword() + ")");
        if (!s.audit().commands().value()) weak.add("commands are not audited");
        s.audit().dir().ifPresent(dir -> {
            for (Sandbox.Share share : s.shares()) {
                String m = share.mount().value().path();
                if (share.access().value() == Access.READ_WRITE
                        && (dir.value().path().equals(m) || dir.value().path().startsWith(m.endsWith("/") ? m : m + "/"))) {
                    weak.add("the audit folder is in the writable share " + share.name());
                    break;
                }
            }
        });
        if (weak.isEmpty()) {
            check.report(s.user().sudo().span(), Severity.MEDIUM, "user " + s.user().name()
                    + " is root in the guest; egress and command audit still hold, but root can stop auditd");
        } else {
            check.report(s.user().sudo().span(), "user " + s.user().name() + " is root in the guest while "
                    + String.join(" and ", weak));
        }
    }
}
