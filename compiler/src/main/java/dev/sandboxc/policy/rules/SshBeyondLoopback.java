package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Forward;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-PRIV-002: the guest's sshd reachable from beyond the host's loopback. */
final class SshBeyondLoopback extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-PRIV-002", Severity.HIGH,
            "Guest sshd reachable beyond the host's loopback",
            "The guest's sshd is for the user on this host. Forwarded from 0.0.0.0, :: or a LAN address, it is a "
                    + "login to a machine with the user's project mounted and an agent's tools installed, offered "
                    + "to the whole network. sandboxc's sshd takes keys only and no root login, but its host side "
                    + "must still be bound to 127.0.0.1.",
            List.of("docs/design.md#privilege  (sshd key-only, bound through the forward to 127.0.0.1 on the host)",
                    "CWE-1327: Binding to an Unrestricted IP Address"),
            "Bind the forward to loopback: `forward = [ tcp 127.0.0.1:2222 -> 22 ]` (the address defaults to "
                    + "127.0.0.1 when left out). Reach it from elsewhere through an SSH jump host.",
            """
            sandbox agent {
              user agent { ssh { authorized-keys = file "~/.ssh/id_ed25519.pub" } }
              network { allow = [ "github.com:443" ]; forward = [ tcp 0.0.0.0:2222 -> 22 ] }
            }
            """,
            """
            sandbox agent {
              user agent { ssh { authorized-keys = file "~/.ssh/id_ed25519.pub" } }
              network { allow = [ "github.com:443" ]; forward = [ tcp 127.0.0.1:2222 -> 22 ] }
            }
            """,
            List.of("SBX-NET-007"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Val<Forward> f : check.sandbox().network().forwards()) {
            if (f.value().guestPort() == 22 && !loopback(f.value().hostAddress())) {
                check.report(f.span(), "the guest's sshd is forwarded from " + f.value().hostAddress() + ":"
                        + f.value().hostPort() + ", reachable beyond this host");
            }
        }
    }

    static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("[::1]") || address.equals("localhost");
    }
}
