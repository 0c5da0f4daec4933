package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.policy.HostPaths;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.SandboxCheck;
import dev.sandboxc.policy.Severity;
import java.util.List;

/** SBX-SHARE-004: control sockets of host daemons (docker, dbus, containerd) shared into the guest. */
final class SocketShared extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SHARE-004", Severity.CRITICAL,
            "Docker, dbus or other daemon socket shared with the guest",
            "A daemon's control socket is a remote control for the host. Whoever can talk to the Docker socket "
                    + "can start a privileged container with the host's / mounted, which is root on the host; the "
                    + "session bus can start programs as the user. A socket, or a folder holding sockets such as "
                    + "/run, /var/run or /run/user/UID, must never reach the guest.",
            List.of("docs/design.md#shares  (Shares)", "Docker docs: \"Docker daemon attack surface\"",
                    "CWE-250: Execution with Unnecessary Privileges"),
            "Remove the share. If the agent must build containers, give it a container runtime inside the guest "
                    + "(packages = [ podman ]), never the host's.",
            """
            sandbox agent {
              share docker {
                source = "/var/run"
                mount  = /host-run
              }
            }
            """,
            """
            sandbox agent {
              packages = [ podman ]
            }
            """);

    /** Sockets themselves, and folders that hold them. */
    static final List<String> SOCKETS = List.of("/var/run/docker.sock", "/run/docker.sock", "/run/containerd",
            "/run/podman", "/var/run/podman", "/run/dbus", "/var/run/dbus", "/run/user", "/tmp/.X11-unix",
            "/run/libvirt", "/var/run/libvirt", "/run/snapd.socket", "~/.docker/run", "~/.colima",
            "~/.local/share/containers/podman/machine", "/run/systemd/private", "/run/nix/daemon-socket",
            "/nix/var/nix/daemon-socket");

    @Override public RuleInfo info() { return INFO; }

    @Override public void check(SandboxCheck check) {
        for (Sandbox.Share share : check.sandbox().shares()) {
            HostPaths.Judged p = check.paths().judge(share.source().value());
            String raw = share.source().value().raw();
            String hit = null;
            for (String s : SOCKETS) {
                if (p.within(s) || p.contains(s)) {
                    hit = s;
                    break;
                }
            }
            if (hit == null && (raw.endsWith(".sock") || raw.endsWith(".socket"))) hit = raw;
            if (hit != null) {
                check.report(share.source().span(), "share " + share.name() + " exposes the host daemon socket " + hit + p.via());
            }
        }
    }
}
