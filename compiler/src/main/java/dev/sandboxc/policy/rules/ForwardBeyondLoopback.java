package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Forward;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-NET-007: a port forward that listens on more than the host's loopback. */
final class ForwardBeyondLoopback extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-NET-007", Severity.HIGH,
            "Port forward bound beyond loopback",
            "A forward's host side is a listening socket on the host. Bound to 0.0.0.0, :: or a LAN address, it "
                    + "offers the guest's service (a dev server the agent started, a debugger, a database) to the "
                    + "whole network, and the agent decides what answers there.",
            List.of("docs/design.md#rules  (network: forward bound to 0.0.0.0/::)", "CWE-1327: Binding to an Unrestricted IP Address"),
            "Bind forwards to 127.0.0.1 (the default when no address is written): `forward = [ tcp 8080 -> 8080 ]`.",
            """
            sandbox agent {
              network { allow = [ "registry.npmjs.org:443" ]; forward = [ tcp 0.0.0.0:8080 -> 8080 ] }
            }
            """,
            """
            sandbox agent {
              network { allow = [ "registry.npmjs.org:443" ]; forward = [ tcp 8080 -> 8080 ] }
            }
            """,
            List.of("SBX-PRIV-002"));

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Val<Forward> f : check.sandbox().network().forwards()) {
            // The guest's sshd is SBX-PRIV-002's.
            if (f.value().guestPort() != 22 && !SshBeyondLoopback.loopback(f.value().hostAddress())) {
                check.report(f.span(), "guest port " + f.value().guestPort() + " is offered on " + f.value().hostAddress()
                        + ":" + f.value().hostPort() + ", beyond this host");
            }
        }
    }
}
