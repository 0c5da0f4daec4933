package dev.sandboxc.check;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Access;
import dev.sandboxc.model.Forward;
import dev.sandboxc.model.GuestPath;
import dev.sandboxc.model.Hypervisor;
import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.ShareProto;
import dev.sandboxc.model.Span;
import dev.sandboxc.model.Val;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes a well-typed sandbox still wrong: references to things that do not
 * exist, two things claiming the same place, and anything the chosen hypervisor
 * cannot do in the pinned microvm.nix (so that microvm.nix never has to throw).
 */
public final class Checker {
    private final Diagnostics diagnostics;

    private Checker(Diagnostics diagnostics) { this.diagnostics = diagnostics; }

    public static void check(List<Sandbox> sandboxes, Diagnostics diagnostics) {
        Checker c = new Checker(diagnostics);
        for (Sandbox s : sandboxes) c.check(s);
        c.samePins(sandboxes);
    }

    /** One file is one flake, and a flake has one nixpkgs and one microvm.nix input. */
    private void samePins(List<Sandbox> sandboxes) {
        if (sandboxes.isEmpty()) return;
        Sandbox first = sandboxes.get(0);
        for (Sandbox s : sandboxes.subList(1, sandboxes.size())) {
            pin(first, s, "nixpkgs", first.nixpkgs(), s.nixpkgs());
            pin(first, s, "microvm", first.microvm(), s.microvm());
        }
    }

    private void pin(Sandbox first, Sandbox s, String key, Val<String> a, Val<String> b) {
        if (a.value().equals(b.value())) return;
        diagnostics.add(Diagnostic.error("E509", b.given() ? b.span() : s.span(),
                        "sandbox " + s.name() + " pins " + key + " " + b.value() + " but " + first.name() + " pins " + a.value(),
                        "a second pin", "the sandboxes of one file share one flake, so one " + key
                                + " pin: set it once in a profile they extend, or split the file")
                .withNote(a.given() ? a.span() : first.span(), first.name() + "'s pin"));
    }

    private void error(String code, Span span, String message, String label, String help) {
        diagnostics.add(Diagnostic.error(code, span, message, label, help));
    }

    private void check(Sandbox s) {
        references(s);
        shares(s);
        network(s);
        capabilities(s);
    }

    // ------------------------------------------------------------------ references

    private void references(Sandbox s) {
        Set<String> used = new HashSet<>();
        List<String> names = s.secrets().stream().map(Sandbox.Secret::name).toList();
        for (Sandbox.Agent a : s.agents()) {
            if (!a.kind().availableIn(s.nixpkgs().value())) {
                error("E408", a.span(), a.name() + " is not packaged in " + s.nixpkgs().value(),
                        "not in this nixpkgs", "nixpkgs has " + a.kind().attr() + " from nixos-" + a.kind().since()
                                + " on: set nixpkgs = \"nixos-" + a.kind().since() + "\" or \"nixos-unstable\"");
            }
            // Offline, a hosted model is out of reach anyway: no key is the right setup.
            if (a.apiKey().isEmpty() && s.network().mode().value() == NetMode.NONE) continue;
            if (a.apiKey().isEmpty()) {
                diagnostics.add(Diagnostic.warning("W302", a.span(), "agent " + a.name() + " has no api-key",
                        "no key", "without a key the agent asks for an interactive login; declare "
                                + "secret NAME { from = env \"" + a.kind().apiKeyEnv() + "\" } and api-key = secret NAME"));
                continue;
            }
            Val<String> ref = a.apiKey().get();
            used.add(ref.value());
            if (s.secret(ref.value()).isEmpty()) {
                error("E301", ref.span(), "unknown secret '" + ref.value() + "'", "no secret of this name",
                        names.isEmpty() ? "declare it: secret " + ref.value() + " { from = env \"" + a.kind().apiKeyEnv() + "\" }"
                                : Suggest.hint(ref.value(), names, "the sandbox declares"));
            }
        }
        // "Never used" is noise while errors stand: the user may have broken the reference.
        for (Sandbox.Secret secret : diagnostics.hasErrors() ? List.<Sandbox.Secret>of() : s.secrets()) {
            if (!used.contains(secret.name())) {
                diagnostics.add(Diagnostic.warning("W301", secret.span(), "secret '" + secret.name() + "' is never used",
                        "not referenced", "give it to an agent with api-key = secret " + secret.name() + ", or remove it"));
            }
        }
    }

    // ------------------------------------------------------------------ shares

    /** Guest folders a share must not cover: the guest's own system lives there. */
    private static final List<GuestPath> RESERVED = List.of(
            new GuestPath("/nix"), new GuestPath("/etc"), new GuestPath("/proc"), new GuestPath("/sys"),
            new GuestPath("/dev"), new GuestPath("/run"), new GuestPath("/boot"), new GuestPath("/usr"),
            new GuestPath("/bin"), new GuestPath("/sbin"), new GuestPath("/lib"), new GuestPath("/var"),
            new GuestPath("/tmp"), new GuestPath("/root"));

    /** A folder of the guest that a share or a volume takes over. */
    private record Mount(String what, String name, Val<GuestPath> at) {}

    private void shares(Sandbox s) {
        List<Mount> all = new java.util.ArrayList<>();
        for (Sandbox.Share share : s.shares()) all.add(new Mount("share", share.name(), share.mount()));
        for (Sandbox.Volume v : s.volumes()) all.add(new Mount("volume", v.name(), v.mount()));
        Map<String, Mount> mounts = new HashMap<>();
        String home = "/home/" + s.user().name();
        for (Mount m : all) {
            GuestPath mount = m.at().value();
            if (mount.path().equals("/")) {
                error("E503", m.at().span(), "a " + m.what() + " cannot be mounted over the guest's root", "the guest's /",
                        "mount it at a folder of its own, such as /workspace");
            }
            for (GuestPath r : RESERVED) {
                if (mount.within(r)) {
                    error("E503", m.at().span(), "mount point " + mount + " is inside the guest's system folder " + r,
                            "reserved", "mount " + m.what() + "s at folders of their own, such as /workspace or /data");
                    break;
                }
            }
            if (mount.path().equals(home) || mount.path().equals("/home")) {
                error("E503", m.at().span(), "mount point " + mount + " would replace the agent's home",
                        "home folder", "mount it below, as " + home + "/" + m.name() + ", or at a folder of its own such as /workspace");
            }
            Mount other = mounts.putIfAbsent(mount.path(), m);
            if (other != null) {
                diagnostics.add(Diagnostic.error("E501", m.at().span(), "mount point " + mount + " is used twice",
                        "used again here", "give each share and volume its own mount point")
                        .withNote(other.at().span(), other.what() + " '" + other.name() + "' mounts there"));
            } else {
                for (Mount o : all) {
                    // A mount over / is already an error (E503); nesting under it would only echo that.
                    if (o != m && mounts.containsKey(o.at().value().path()) && !o.at().value().path().equals("/")
                            && !o.at().value().equals(mount) && mount.within(o.at().value())) {
                        error("E501", m.at().span(), "mount point " + mount + " lies inside " + o.what() + " '" + o.name()
                                + "' at " + o.at().value(), "nested mount", "mount shares and volumes side by side, not inside each other");
                    }
                }
            }
        }
        Map<String, Sandbox.Share> tags = new HashMap<>();
        for (Sandbox.Share share : s.shares()) {
            Sandbox.Share sameTag = tags.putIfAbsent(share.tag().value(), share);
            if (sameTag != null) {
                diagnostics.add(Diagnostic.error("E502", share.tag().span(), "share tag '" + share.tag().value() + "' is used twice",
                        "used again here", "give each share its own tag")
                        .withNote(sameTag.tag().span(), "share '" + sameTag.name() + "' has this tag"));
            }
        }
    }

    // ------------------------------------------------------------------ network

    private void network(Sandbox s) {
        NetMode mode = s.network().mode().value();
        Map<String, Val<Forward>> hostPorts = new HashMap<>();
        for (Val<Forward> f : s.network().forwards()) {
            if (mode == NetMode.NONE) {
                error("E504", f.span(), "a port forward needs a network", "network mode is none",
                        "set mode = allowlist (with allow = [...]) or remove the forward");
                continue;
            }
            String key = f.value().transport() + ":" + f.value().hostAddress() + ":" + f.value().hostPort();
            Val<Forward> other = hostPorts.putIfAbsent(key, f);
            if (other != null) {
                diagnostics.add(Diagnostic.error("E507", f.span(), "host port " + f.value().hostPort() + " is forwarded twice",
                        "again here", "forward each host port once").withNote(other.span(), "first forwarded here"));
            }
            if (f.value().guestPort() == 22 && s.user().authorizedKeys().isEmpty()) {
                diagnostics.add(Diagnostic.warning("W303", f.span(), "port 22 is forwarded but no SSH key is authorized",
                        "sshd stays off", "add user " + s.user().name() + " { ssh { authorized-keys = [ file \"~/.ssh/id_ed25519.pub\" ] } }"));
            }
        }
    }

    // ------------------------------------------------------------------ hypervisor

    private void capabilities(Sandbox s) {
        Hypervisor hv = s.hypervisor().value();
        Capabilities caps = Capabilities.of(hv);
        String chosen = "hypervisor " + hv.keyword();
        for (Sandbox.Share share : s.shares()) {
            ShareProto proto = share.proto().value();
            if (!caps.shareProtos().contains(proto)) {
                String help = caps.shareProtos().isEmpty()
                        ? hv.keyword() + " cannot share host folders at all in microvm.nix; use qemu or cloud-hypervisor, or bake files into the image"
                        : "use proto = " + caps.shareProtos().iterator().next().keyword() + ", or a hypervisor that supports "
                                + proto.keyword() + " (" + String.join(", ", Capabilities.where(c -> c.shareProtos().contains(proto))) + ")";
                error("E401", share.proto().given() ? share.proto().span() : share.span(),
                        chosen + " cannot share folders over " + proto.keyword() + caps.shareNote(proto),
                        proto.keyword() + " not available", help);
            } else if (share.security().given() && (proto != ShareProto.NINE_P || hv != Hypervisor.QEMU)) {
                // Only qemu's 9p takes a security model; kvmtool's runner ignores it.
                error("E505", share.security().span(), proto == ShareProto.NINE_P
                                ? "kvmtool's 9p has no security model to choose" : "security applies to 9p shares only",
                        "has no effect", proto == ShareProto.NINE_P ? "remove security, or use hypervisor = qemu"
                                : "remove security (virtiofs maps ownership itself), or use proto = 9p on qemu");
            }
        }
        if (!caps.fwCfg() && caps.shareProtos().isEmpty()) {
            // Secrets travel as qemu fw_cfg items, or else over a read-only share.
            for (Sandbox.Agent agent : s.agents()) {
                if (agent.apiKey().isPresent()) {
                    error("E410", agent.apiKey().get().span(), chosen + " has no way to deliver a secret to the guest",
                            "cannot be delivered", "use qemu (fw_cfg), or a hypervisor with shares ("
                                    + String.join(", ", Capabilities.where(c -> !c.shareProtos().isEmpty()).stream()
                                            .filter(h -> !h.equals("qemu")).toList()) + ")");
                    break;
                }
            }
        }
        if (caps.shareProtos().isEmpty() && s.user().authorizedKeys().stream()
                .anyMatch(k -> k.value().kind() != dev.sandboxc.model.KeySource.Kind.LITERAL)) {
            error("E401", s.user().authorizedKeys().get(0).span(), chosen + " cannot receive key files from the host",
                    "needs a share", hv.keyword() + " has no shares in microvm.nix: write the public key itself, "
                            + "authorized-keys = [ \"ssh-ed25519 AAAA...\" ]");
        }
        NetMode mode = s.network().mode().value();
        if (!caps.netModes().contains(mode)) {
            String help;
            if (mode == NetMode.ALLOWLIST) {
                help = "a restricted allowlist network is built on qemu's user-mode network; use hypervisor = qemu, "
                        + "or mode = tap with filtering on the host";
            } else {
                help = mode.keyword() + " networking works on " + String.join(", ", Capabilities.where(c -> c.netModes().contains(mode)))
                        + "; the network modes of " + hv.keyword() + " are: " + caps.netModeList();
            }
            error("E402", s.network().mode().span(), chosen + " cannot provide network mode " + mode.keyword(),
                    "not available on " + hv.keyword(), help);
        }
        // When the mode itself is refused (E402), a forward error would only echo it.
        if (!s.network().forwards().isEmpty() && mode != NetMode.NONE && caps.netModes().contains(mode)
                && !caps.forwardModes().contains(mode)) {
            if (caps.forwardModes().isEmpty()) {
                error("E403", s.network().forwards().get(0).span(), chosen + " cannot forward ports",
                        "forwards need a user-mode network",
                        "port forwards work on " + String.join(", ", Capabilities.where(c -> !c.forwardModes().isEmpty()))
                                + "; or reach the guest over its tap interface");
            } else {
                error("E403", s.network().forwards().get(0).span(), "port forwards work only with user-mode networking",
                        "mode is " + mode.keyword(), "use mode = allowlist or mode = nat, or reach the guest over the tap interface");
            }
        }
        Sandbox.Resources r = s.resources();
        if (hv == Hypervisor.QEMU && r.memory().value().mebibytes() == 2048) {
            // lib/runners/qemu.nix: warnIf (mem == 2048) "QEMU hangs if memory is exactly 2GB" (microvm.nix#171).
            error("E409", r.memory().given() ? r.memory().span() : s.span(), "qemu hangs at boot with exactly 2 GiB of memory",
                    "exactly 2048 MiB", "a known qemu/microvm.nix problem (astro/microvm.nix#171): use 2047 MiB, 3 GiB or 4 GiB");
        }
        if (r.balloon().value() && !caps.balloon()) {
            error("E404", r.balloon().span(), chosen + " has no memory balloon in microvm.nix", "not available",
                    "remove balloon, or use " + String.join(", ", Capabilities.where(Capabilities::balloon)));
        }
        if (r.hotplugMemory().value().bytes() > 0 && !caps.hotplug()) {
            error("E405", r.hotplugMemory().span(), chosen + " cannot hot-plug memory in microvm.nix", "not available",
                    "remove hotplug-memory, or use " + String.join(", ", Capabilities.where(Capabilities::hotplug)));
        }
        if (r.cpu().isPresent() && !caps.cpuModel()) {
            error("E406", r.cpu().get().span(), chosen + " does not take a CPU model", "qemu only",
                    "remove cpu, or use hypervisor = qemu");
        }
        if (r.vsock().isPresent() && !caps.vsock()) {
            error("E407", r.vsock().get().span(), chosen + " has no vsock device in microvm.nix", "not available",
                    "remove vsock, or use " + String.join(", ", Capabilities.where(Capabilities::vsock)));
        }
    }
}
