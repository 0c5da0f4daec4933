package dev.sandboxc.emit;

import dev.sandboxc.Frontend;
import dev.sandboxc.check.Capabilities;
import dev.sandboxc.cli.Version;
import dev.sandboxc.model.Access;
import dev.sandboxc.model.AgentKind;
import dev.sandboxc.model.Autonomy;
import dev.sandboxc.model.Forward;
import dev.sandboxc.model.HostPath;
import dev.sandboxc.model.Hypervisor;
import dev.sandboxc.model.KeySource;
import dev.sandboxc.model.NetMode;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.ShareProto;
import dev.sandboxc.model.Val;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lowers checked sandboxes to the flake's view-model and renders it: flake.nix, one
 * guest module per sandbox under nix/, and the lib-nix files copied under nix/lib/.
 * Everything is computed in memory; {@link OutputWriter} puts it on disk.
 */
public final class FlakeEmitter {

    /** The lib-nix files every output carries (a test checks this against lib-nix/). */
    public static final List<String> LIB_FILES = List.of("audit-chain.py", "devshell.nix", "egress-proxy.py", "history.sh", "record-sink.py", "sandbox-up.sh", "sandbox.nix");

    /** The guest-side folder for material the launcher delivers (authorized keys). */
    static final String HOST_SHARE_TAG = "sandboxc-host";
    static final String HOST_SHARE_MOUNT = "/run/sandboxc/host";
    /** Without fw_cfg (hypervisors other than qemu), secrets travel in a read-only share of their own. */
    static final String SECRETS_SHARE_TAG = "sandboxc-secrets";
    static final String SECRETS_SHARE_MOUNT = "/run/sandboxc/delivered";

    private FlakeEmitter() {}

    public static List<GeneratedFile> emit(Frontend.Result result, Path outDir) {
        String source = sourceName(result, outDir);
        List<GeneratedFile> files = new ArrayList<>();
        files.add(GeneratedFile.text("flake.nix", Templates.render("flake.nix.ftl", flakeModel(result, source))));
        for (Sandbox s : result.sandboxes()) {
            files.add(GeneratedFile.text("nix/" + s.name() + ".nix",
                    Templates.render("guest.nix.ftl", guestModel(s, source, fileDir(result), outDir))));
        }
        for (String lib : LIB_FILES) files.add(new GeneratedFile("nix/lib/" + lib, libFile(lib)));
        return files;
    }

    public static Manifest manifest(Frontend.Result result, Path outDir, List<GeneratedFile> files) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (GeneratedFile f : files) digests.put(f.path(), f.sha256());
        return new Manifest(Version.VERSION, sourceName(result, outDir), Manifest.sourceDigest(result.source().text()), digests);
    }

    private static Path fileDir(Frontend.Result result) {
        Path p = result.source().path();
        return p == null ? Path.of("").toAbsolutePath() : p.getParent();
    }

    /** The source file relative to the output, with '/' separators: no absolute paths in the output. */
    static String sourceName(Frontend.Result result, Path outDir) {
        Path p = result.source().path();
        if (p == null) return result.source().name();
        return slashes(outDir.relativize(p).toString());
    }

    private static String slashes(String s) {
        String r = s.replace('\\', '/');
        return r.isEmpty() ? "." : r;
    }

    public static byte[] libFile(String name) {
        try (InputStream in = FlakeEmitter.class.getResourceAsStream("/dev/sandboxc/lib-nix/" + name)) {
            if (in == null) throw new IllegalStateException("missing resource lib-nix/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read lib-nix/" + name, e);
        }
    }

    // ------------------------------------------------------------------ flake.nix

    private static Map<String, Object> flakeModel(Frontend.Result result, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Sandbox> sandboxes = result.sandboxes();
        m.put("version", Version.VERSION);
        m.put("source", source);
        m.put("description", "sandboxc: " + String.join(", ", sandboxes.stream().map(Sandbox::name).toList())
                + " (from " + source + ")");
        m.put("nixpkgs", sandboxes.get(0).nixpkgs().value());
        m.put("microvm", sandboxes.get(0).microvm().value());
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, List<Map<String, Object>>> bySystem = new LinkedHashMap<>();
        for (Sandbox s : sandboxes) {
            Map<String, Object> e = Map.of("name", s.name(), "system", s.system().value().keyword(), "task", hasTask(s));
            list.add(e);
            bySystem.computeIfAbsent(s.system().value().keyword(), k -> new ArrayList<>()).add(e);
        }
        m.put("sandboxes", list);
        List<Map<String, Object>> systems = new ArrayList<>();
        for (var e : bySystem.entrySet()) systems.add(Map.of("system", e.getKey(), "sandboxes", e.getValue()));
        m.put("systems", systems);
        return m;
    }

    // ------------------------------------------------------------------ guest module

    private static Map<String, Object> guestModel(Sandbox s, String source, Path fileDir, Path outDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        Capabilities caps = Capabilities.of(s.hypervisor().value());
        m.put("version", Version.VERSION);
        m.put("source", source);
        m.put("name", s.name());
        m.put("stateVersion", s.stateVersion().value());
        m.put("hypervisor", s.hypervisor().value().keyword());
        Sandbox.Resources r = s.resources();
        m.put("mem", r.memory().value().mebibytes());
        m.put("vcpu", r.vcpus().value());
        m.put("balloon", r.balloon().value());
        // Only when asked for: the template tests presence, as a number literal there would set up BigDecimal.
        long hotplug = r.hotplugMemory().value().mebibytes();
        if (hotplug > 0) m.put("hotplugMem", hotplug);
        r.cpu().ifPresent(c -> m.put("cpu", c.value()));
        r.vsock().ifPresent(v -> m.put("vsock", v.value()));
        m.put("timeout", r.timeout().value().seconds());
        m.put("hostEnv", s.hostEnv().stream().map(Val::value).toList());

        Set<String> unfree = new TreeSet<>();
        for (Sandbox.Agent a : s.agents()) if (a.kind().unfree()) unfree.add(a.kind().pname());
        m.put("unfree", List.copyOf(unfree));

        List<Map<String, Object>> shares = new ArrayList<>();
        List<String> workdirs = new ArrayList<>();
        for (Sandbox.Share sh : s.shares()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("tag", sh.tag().value());
            e.put("source", "shares/" + sh.tag().value());
            e.put("mount", sh.mount().value().path());
            e.put("proto", sh.proto().value().keyword());
            e.put("security", sh.security().value().keyword());
            e.put("hostPath", hostPath(sh.source().value(), fileDir, outDir));
            e.put("readOnly", sh.access().value() == Access.READ_ONLY);
            shares.add(e);
            workdirs.add(sh.mount().value().path());
        }
        List<String> keys = new ArrayList<>();
        List<String> keyFiles = new ArrayList<>();
        for (Val<KeySource> k : s.user().authorizedKeys()) {
            if (k.value().kind() == KeySource.Kind.LITERAL) keys.add(k.value().value());
            else keyFiles.add(hostPath(HostPath.of(k.value().value()), fileDir, outDir));
        }
        if (!keyFiles.isEmpty()) {
            // Keys read on the host at launch reach the guest through a read-only share.
            internalShare(caps, HOST_SHARE_TAG, "host", HOST_SHARE_MOUNT, shares);
        }
        secrets(s, caps, fileDir, outDir, shares, m);
        // Read-only 9p shares on qemu leave microvm.shares, which cannot say readonly=on: the
        // library adds their -fsdev with readonly=on itself, so the host refuses writes.
        List<Map<String, Object>> readOnly9p = caps.hypervisor() == Hypervisor.QEMU
                ? shares.stream().filter(sh -> (Boolean) sh.get("readOnly") && "9p".equals(sh.get("proto"))).toList()
                : List.of();
        List<Map<String, Object>> runnerShares = shares.stream().filter(sh -> !readOnly9p.contains(sh)).toList();
        m.put("shares", runnerShares);
        m.put("launcherShares", shares);
        m.put("readOnly9p", readOnly9p);
        // Other read-only shares: served so by the host (virtiofsd --readonly), and mounted ro in the guest.
        List<Map<String, Object>> readOnly = runnerShares.stream().filter(sh -> (Boolean) sh.get("readOnly")).toList();
        m.put("readOnlyTags", readOnly.stream().map(sh -> sh.get("tag")).toList());
        m.put("readOnlyMounts", readOnly.stream().map(sh -> sh.get("mount")).toList());
        List<Map<String, Object>> volumes = new ArrayList<>();
        for (Sandbox.Volume v : s.volumes()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", v.name());
            // The runner opens images relative to sandbox-up's runtime folder, where it links each one.
            e.put("image", "volumes/" + v.name() + ".img");
            e.put("mount", v.mount().value().path());
            e.put("size", v.size().value().mebibytes());
            e.put("hostPath", hostPath(v.image().value(), fileDir, outDir));
            volumes.add(e);
        }
        m.put("volumes", volumes);
        m.put("workdirs", workdirs);

        Set<String> packages = new LinkedHashSet<>();
        for (Val<String> p : s.packages()) packages.add(p.value());
        m.put("packages", List.copyOf(packages));

        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", s.user().name());
        user.put("sudo", s.user().sudo().value().keyword());
        s.user().gitName().ifPresent(v -> user.put("gitName", v.value()));
        s.user().gitEmail().ifPresent(v -> user.put("gitEmail", v.value()));
        user.put("keys", keys);
        user.put("keyFiles", keyFiles);
        s.user().initialPassword().ifPresent(v -> user.put("initialPassword", v.value()));
        m.put("user", user);

        List<Map<String, Object>> agents = new ArrayList<>();
        for (Sandbox.Agent a : s.agents()) agents.add(agent(a, s.nixpkgs().value()));
        m.put("agents", agents);
        // `sandbox-up --task` (and apps.<system>.<name>-task) runs the first agent (qemu, cloud-hypervisor).
        if (hasTask(s)) m.put("taskAgent", s.agents().get(0).name());

        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("commands", s.audit().commands().value());
        audit.put("sessions", s.audit().sessions().value());
        audit.put("journal", s.audit().journal().value());
        audit.put("egress", s.audit().egress().value());
        s.audit().dir().ifPresent(d -> audit.put("dir", d.value().path()));
        m.put("audit", audit);

        network(s, m);
        return m;
    }

    /**
     * Secrets the agents use: the guest module names them, the launcher reads them on the
     * host at each start. qemu gets them as fw_cfg files (opt/sandboxc/secretN, read from
     * the launcher's private runtime folder); other hypervisors through a read-only share.
     * Only names and sources are written here, never a value.
     */
    private static void secrets(Sandbox s, Capabilities caps, Path fileDir, Path outDir, List<Map<String, Object>> shares,
                                Map<String, Object> m) {
        Set<String> used = new TreeSet<>();
        for (Sandbox.Agent a : s.agents()) a.apiKey().ifPresent(k -> used.add(k.value()));
        List<Map<String, Object>> secrets = new ArrayList<>();
        for (Sandbox.Secret sec : s.secrets()) {
            if (!used.contains(sec.name())) continue;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", sec.name());
            e.put("fwCfg", "opt/sandboxc/secret" + secrets.size());
            var from = sec.from().value();
            e.put("from", from.kind() == dev.sandboxc.model.SecretSource.Kind.ENV ? "env:" + from.name()
                    : "file:" + hostPath(HostPath.of(from.name()), fileDir, outDir));
            secrets.add(e);
        }
        boolean fwCfg = caps.fwCfg();
        m.put("secrets", secrets);
        m.put("secretDelivery", fwCfg ? "fw_cfg" : "share");
        if (!secrets.isEmpty() && !fwCfg) internalShare(caps, SECRETS_SHARE_TAG, "secrets", SECRETS_SHARE_MOUNT, shares);
    }

    /** A read-only share of a folder in sandbox-up's runtime folder (key files, secrets). */
    private static void internalShare(Capabilities caps, String tag, String source, String mount,
                                      List<Map<String, Object>> shares) {
        ShareProto proto = caps.shareProtos().contains(ShareProto.VIRTIOFS) ? ShareProto.VIRTIOFS : ShareProto.NINE_P;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("tag", tag);
        e.put("source", source);
        e.put("mount", mount);
        e.put("proto", proto.keyword());
        e.put("security", "mapped");
        e.put("readOnly", true);
        shares.add(e);
    }

    /** Tasks run the first agent; their text and results travel the host-records channel. */
    static boolean hasTask(Sandbox s) {
        return Capabilities.of(s.hypervisor().value()).hostRecords() && !s.agents().isEmpty();
    }

    private static Map<String, Object> agent(Sandbox.Agent a, String nixpkgs) {
        AgentKind k = a.kind();
        AgentKind.Cli cli = k.cliFor(nixpkgs);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", a.name());
        e.put("attr", k.attr());
        e.put("binary", k.binary());
        List<String> args = new ArrayList<>();
        List<Map<String, String>> env = new ArrayList<>();
        if (a.autonomy().value() == Autonomy.FULL) {
            args.addAll(cli.autonomyArgs());
            for (String kv : cli.autonomyEnv()) {
                int eq = kv.indexOf('=');
                env.add(Map.of("name", kv.substring(0, eq), "value", kv.substring(eq + 1)));
            }
        }
        for (Val<String> v : a.args()) args.add(v.value());
        e.put("args", args);
        e.put("taskArgs", cli.taskArgs());
        e.put("env", env);
        e.put("apiKeyEnv", k.apiKeyEnv());
        a.apiKey().ifPresent(v -> e.put("secret", v.value()));
        e.put("workdir", a.workdir().value().path());
        return e;
    }

    private static void network(Sandbox s, Map<String, Object> m) {
        Sandbox.Network n = s.network();
        NetMode mode = n.mode().value();
        String mac = mac(s.name(), 0);
        List<Map<String, Object>> interfaces = new ArrayList<>();
        List<Map<String, Object>> forwards = new ArrayList<>();
        for (Val<Forward> f : n.forwards()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("proto", f.value().transport().keyword());
            e.put("hostAddress", f.value().hostAddress());
            e.put("hostPort", f.value().hostPort());
            e.put("guestPort", f.value().guestPort());
            forwards.add(e);
        }
        boolean restricted = mode == NetMode.ALLOWLIST;
        switch (mode) {
            case NAT -> interfaces.add(iface("user", n.interfaceId().value(), mac, null));
            case TAP -> interfaces.add(iface("tap", n.interfaceId().value(), mac, null));
            case BRIDGE -> interfaces.add(iface("bridge", n.interfaceId().value(), mac, n.bridge().map(Val::value).orElse(null)));
            default -> { }
        }
        m.put("interfaces", interfaces);
        m.put("forwardPorts", mode == NetMode.NAT ? forwards : List.of());
        Map<String, Object> net = new LinkedHashMap<>();
        net.put("restricted", restricted);
        net.put("id", n.interfaceId().value());
        net.put("mac", mac);
        net.put("forwards", restricted ? forwards : List.of());
        List<String> allow = new ArrayList<>();
        for (var d : n.allow()) allow.add(d.value().allowLine());
        net.put("allow", allow);
        m.put("network", net);
    }

    private static Map<String, Object> iface(String type, String id, String mac, String bridge) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("id", id);
        e.put("mac", mac);
        if (bridge != null) e.put("bridge", bridge);
        return e;
    }

    /** A locally administered unicast MAC derived from the sandbox name: stable across compiles. */
    static String mac(String sandbox, int index) {
        byte[] h = Digests.sha256(("sandboxc-mac:" + sandbox + ":" + index).getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        String hex = new String(h, StandardCharsets.US_ASCII);
        return "02:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6) + ":"
                + hex.substring(6, 8) + ":" + hex.substring(8, 10);
    }

    /**
     * A share's host path as the launcher resolves it: relative to the flake's folder
     * (computed from the .sandbox file's folder), `~/...` and absolute paths as written.
     */
    static String hostPath(HostPath p, Path fileDir, Path outDir) {
        if (p.kind() != HostPath.Kind.RELATIVE) return p.raw();
        Path target = fileDir.resolve(p.raw()).normalize();
        return slashes(outDir.relativize(target).toString());
    }
}
