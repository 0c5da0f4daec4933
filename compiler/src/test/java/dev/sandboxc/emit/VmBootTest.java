package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host side of a run, booted for real: lib-nix/sandbox-up.sh starts a real qemu
 * with the devices lib-nix/sandbox.nix adds to microvm.nix's command line (the
 * restricted user network whose only exit is the egress proxy, the secret and the task
 * as fw_cfg files, records over virtio-serial into append-only files, a read-only 9p
 * share with readonly=on next to a writable one). The guest is a Debian kernel with a
 * busybox initramfs standing in for the NixOS units: it reports what it could and could
 * not do on the journal port, then runs the task protocol the sandboxc-task unit speaks.
 *
 * <p>Needs qemu-system-x86_64, busybox and a kernel with its modules under /boot and
 * /lib/modules (Debian: qemu-system-x86, busybox-static, linux-image-amd64); skipped
 * without them, except in CI, which installs them and sets SANDBOXC_REQUIRE_VM=1.
 */
class VmBootTest {
    static final String CANARY = "vm-canary-secret-5d1e";
    static final String TASK = "fix \"it\" $(touch /pwned) `id` 'q'\n--help\n-- ; & | > x\u00e9\n";
    /** The modules the stand-in guest loads (with what they need, from modules.dep). */
    static final List<String> MODULES = List.of("virtio_pci", "virtio_net", "virtio_console", "qemu_fw_cfg", "9pnet_virtio", "9p");

    @TempDir
    Path tmp;
    ServerSocket echo;

    @AfterEach
    void stopEcho() throws IOException {
        if (echo != null) echo.close();
    }

    record Kernel(Path image, Path modules) {}

    static Kernel kernel() throws IOException {
        Path boot = Path.of("/boot");
        if (!Files.isDirectory(boot)) return null;
        try (Stream<Path> s = Files.list(boot)) {
            for (Path image : s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).sorted().toList()) {
                Path modules = Path.of("/lib/modules", image.getFileName().toString().substring("vmlinuz-".length()));
                if (Files.isReadable(image) && Files.exists(modules.resolve("modules.dep"))) return new Kernel(image, modules);
            }
        }
        return null;
    }

    static Kernel requireVm() throws IOException {
        Kernel k = kernel();
        boolean have = k != null && TestSupport.commandAvailable("qemu-system-x86_64") && TestSupport.commandAvailable("busybox")
                && TestSupport.commandAvailable("python3");
        if (!have && "1".equals(System.getenv("SANDBOXC_REQUIRE_VM"))) {
            throw new AssertionError("SANDBOXC_REQUIRE_VM=1 but qemu-system-x86_64, busybox, python3 or a kernel under /boot is missing");
        }
        Assumptions.assumeTrue(have, "qemu-system-x86_64, busybox or a kernel with modules is not installed");
        return k;
    }

    /** The command-line pieces this test gives qemu, as lib-nix/sandbox.nix writes them. */
    @Test
    void theBootedDevicesAreTheOnesTheLibraryAdds() throws IOException {
        String nix = new String(FlakeEmitter.libFile("sandbox.nix"), StandardCharsets.UTF_8);
        for (String piece : List.of(
                "[ \"user\" \"id=${cfg.network.id}\" \"restrict=on\" ]",
                "guestfwd=tcp:${cfg.network.proxy.address}:${toString cfg.network.proxy.port}-cmd:",
                "\"${proxy} --allow ${allowFile} --log ${log}\"",
                "log = if cfg.audit.egress then \"audit/egress.jsonl\" else \"/dev/null\";",
                "\"-fw_cfg\" \"name=${x.fwCfg},file=secrets/${x.name}\"",
                "\"-fw_cfg\" \"name=opt/sandboxc/task,file=task\"",
                "\"-device\" \"virtio-serial-${devType},id=sbxserial\"",
                "\"-chardev\" \"file,id=sbx${s.name},path=audit/${s.file},append=on\"",
                "\"-device\" \"virtserialport,bus=sbxserial.0,chardev=sbx${s.name},name=org.sandboxc.${s.name}\"",
                "\"local,id=sbxro${s.tag},path=${s.source},security_model=${s.securityModel},readonly=on\"",
                "\"virtio-9p-${devType},fsdev=sbxro${s.tag},mount_tag=${s.tag}\"")) {
            assertTrue(nix.contains(piece), "lib-nix/sandbox.nix no longer writes " + piece + "; update this test's qemu command line");
        }
    }

    @Test
    void aRealVmSeesOnlyWhatTheHostAllows() throws Exception {
        Kernel kernel = requireVm();
        echo = HostStandIns.echoServer();
        Path root = Files.createDirectories(tmp.resolve("flake"));
        Files.writeString(root.resolve("sandboxc.json"), "{}");
        Files.writeString(root.resolve("flake.nix"), "{}");
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve("readme.txt"), "host-docs\n");
        Path work = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path xdg = Files.createDirectories(tmp.resolve("xdg"));
        Path stubs = Files.createDirectories(tmp.resolve("stubs"));

        Path initrd = initramfs(kernel);
        Path proxy = tmp.resolve("egress-proxy.py");
        Files.write(proxy, FlakeEmitter.libFile("egress-proxy.py"));
        Path allow = tmp.resolve("allow");
        Files.writeString(allow, "allowed.test:" + echo.getLocalPort() + "\n");
        // microvm-run: qemu with the library's devices, in the runtime folder sandbox-up prepared.
        String guestfwd = "guestfwd=tcp:10.0.2.100:3128-cmd:python3 " + proxy + " --allow " + allow
                + " --log audit/egress.jsonl --resolve allowed.test=127.0.0.1 --trusted-net 127.0.0.1/32";
        List<String> qemu = List.of("qemu-system-x86_64", "-nodefaults", "-no-user-config", "-accel", "tcg",
                "-machine", "q35", "-m", "256", "-display", "none", "-serial", "stdio", "-no-reboot",
                "-kernel", kernel.image().toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0 panic=-1 sbxport=" + echo.getLocalPort(),
                "-netdev", "user,id=sbx0,restrict=on," + guestfwd, "-device", "virtio-net-pci,netdev=sbx0",
                "-fw_cfg", "name=opt/sandboxc/secret0,file=secrets/k",
                "-fw_cfg", "name=opt/sandboxc/task,file=task",
                "-device", "virtio-serial-pci,id=sbxserial",
                "-chardev", "file,id=sbxjournal,path=audit/journal.jsonl,append=on",
                "-device", "virtserialport,bus=sbxserial.0,chardev=sbxjournal,name=org.sandboxc.journal",
                "-chardev", "file,id=sbxtask,path=audit/task.out,append=on",
                "-device", "virtserialport,bus=sbxserial.0,chardev=sbxtask,name=org.sandboxc.task",
                "-chardev", "file,id=sbxstatus,path=audit/task.status,append=on",
                "-device", "virtserialport,bus=sbxserial.0,chardev=sbxstatus,name=org.sandboxc.status",
                "-fsdev", "local,id=sbxrodocs,path=shares/docs,security_model=none,readonly=on",
                "-device", "virtio-9p-pci,fsdev=sbxrodocs,mount_tag=docs",
                "-fsdev", "local,id=fs1,path=shares/work,security_model=none",
                "-device", "virtio-9p-pci,fsdev=fs1,mount_tag=work");
        StringBuilder run = new StringBuilder("#!/usr/bin/env bash\nexec");
        for (String a : qemu) run.append(' ').append(Shell.quote(a));
        Path microvmRun = stubs.resolve("microvm-run");
        Files.writeString(microvmRun, run.append('\n').toString());
        Files.setPosixFilePermissions(microvmRun, PosixFilePermissions.fromString("rwxr-xr-x"));
        HostStandIns.pythonCommand(tmp, stubs, "sandbox-audit", "audit-chain.py");

        Path script = tmp.resolve("sandbox-up");
        Files.writeString(script, """
                SANDBOX_NAME=vm
                SANDBOX_TIMEOUT=240
                SANDBOX_TASKS=1
                SANDBOX_HYPERVISOR=qemu
                SANDBOX_SHARES=(docs=docs work=work)
                SANDBOX_VIRTIOFS=()
                SANDBOX_VIRTIOFSD_ARGS=()
                SANDBOX_VIRTIOFSD_THREADS=1
                SANDBOX_KEY_FILES=()
                SANDBOX_HOST_ENV=()
                SANDBOX_SECRETS=(k=env:SBX_CANARY)
                SANDBOX_VOLUMES=()
                SANDBOX_RECORD_CHANNEL=virtio-serial
                SANDBOX_RECORD_STREAMS=()
                SANDBOX_TASK_TEXT_PORT=7105
                SANDBOX_RECORD_SINK=
                """ + new String(FlakeEmitter.libFile("sandbox-up.sh"), StandardCharsets.UTF_8));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--task", TASK).directory(root.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
        pb.environment().put("SBX_CANARY", CANARY);
        pb.environment().put("SANDBOX_BOOT_LIMIT", "200");
        pb.redirectOutput(tmp.resolve("stdout").toFile()).redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "sandbox-up hung");
        String stderr = Files.readString(tmp.resolve("stderr"));

        Path records;
        try (Stream<Path> s = Files.walk(home.resolve(".local/state/sandboxc"))) {
            records = s.filter(f -> f.getFileName().toString().equals("journal.jsonl")).findFirst().orElseThrow().getParent();
        }
        String console = Files.exists(records.resolve("console.log")) ? Files.readString(records.resolve("console.log")) : "";
        String diagnosis = "\n--- sandbox-up:\n" + stderr + "\n--- console:\n" + console;
        assertEquals(3, p.exitValue(), "the task's status comes back from the guest" + diagnosis);

        Map<String, String> seen = new TreeMap<>();
        for (String line : Files.readAllLines(records.resolve("journal.jsonl"))) {
            int eq = line.indexOf('=');
            if (eq > 0) seen.put(line.substring(0, eq), line.substring(eq + 1));
        }
        String report = "guest report " + seen + diagnosis;
        assertEquals(sha256(CANARY), seen.get("secret-sha256"), "the secret arrives over fw_cfg byte for byte; " + report);
        assertTrue(seen.getOrDefault("allowed", "").contains("HTTP/1.1 200") && seen.get("allowed").contains("ping-through-proxy"),
                "an allowed CONNECT is relayed to the host's server; " + report);
        assertTrue(seen.getOrDefault("denied", "").contains("HTTP/1.1 403"), "a host off the list is refused; " + report);
        assertEquals("refused", seen.get("direct"), "restrict=on: the host's loopback is not reachable directly; " + report);
        assertEquals("host-docs", seen.get("ro-read"), report);
        assertEquals("refused", seen.get("ro-write"), "qemu refuses writes to the read-only share, though the guest mounted it rw; " + report);
        assertEquals("ok", seen.get("rw-write"), report);

        assertEquals(List.of("readme.txt"), list(docs), "nothing reached the read-only folder");
        assertEquals("from-guest\n", Files.readString(work.resolve("out.txt")), "the writable share is the host folder");
        String egress = Files.readString(records.resolve("egress.jsonl"));
        assertTrue(egress.contains("\"decision\": \"allow\"") && egress.contains("\"decision\": \"deny\""), egress);
        assertTrue(Files.readString(records.resolve("task.out")).startsWith(TASK), "the task text arrives as data, byte for byte");
        assertTrue(Files.readString(tmp.resolve("stdout")).startsWith(TASK), "and the agent's output is streamed");
        assertEquals("ready\nexit 3\n", Files.readString(records.resolve("task.status")));
        assertTrue(Files.exists(records.resolve("chain.jsonl")), "the run's records are sealed" + diagnosis);
        try (Stream<Path> s = Files.walk(xdg)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().equals("secrets")), "the secrets folder is gone");
        }
    }

    /** A busybox initramfs: /init is the stand-in guest, the modules come from the host's kernel. */
    private Path initramfs(Kernel kernel) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve("initramfs"));
        for (String d : List.of("bin", "proc", "sys", "dev", "tmp", "mnt")) Files.createDirectories(dir.resolve(d));
        Files.copy(Path.of(which("busybox")), dir.resolve("bin/busybox"));
        Files.setPosixFilePermissions(dir.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mods = Files.createDirectories(dir.resolve("modules"));
        List<String> order = new ArrayList<>();
        for (String m : moduleOrder(kernel.modules())) {
            Path name = Path.of(m).getFileName();
            Files.copy(kernel.modules().resolve(m), mods.resolve(name));
            order.add(name.toString());
        }
        Files.writeString(dir.resolve("modules.order"), String.join("\n", order) + "\n");
        Path init = dir.resolve("init");
        Files.writeString(init, GUEST_INIT);
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path image = tmp.resolve("initrd.cpio");
        Process p = new ProcessBuilder("sh", "-c", "find . | busybox cpio -o -H newc > " + Shell.quote(image.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return image;
    }

    /** The module files to load, each after what it depends on (modules.dep lists dependencies). */
    private static List<String> moduleOrder(Path modules) throws IOException {
        Map<String, List<String>> deps = new TreeMap<>();
        Map<String, String> byName = new TreeMap<>();
        for (String line : Files.readAllLines(modules.resolve("modules.dep"))) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String file = line.substring(0, colon);
            String rest = line.substring(colon + 1).trim();
            deps.put(file, rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
            String base = Path.of(file).getFileName().toString();
            byName.put(base.substring(0, base.indexOf(".ko")).replace('-', '_'), file);
        }
        Set<String> order = new LinkedHashSet<>();
        for (String m : MODULES) {
            String file = byName.get(m);
            if (file == null) continue; // built into this kernel
            add(file, deps, order);
        }
        for (String f : order) {
            Assumptions.assumeTrue(f.endsWith(".ko"), "compressed kernel modules (" + f + ") are not supported by busybox insmod here");
        }
        return List.copyOf(order);
    }

    private static void add(String file, Map<String, List<String>> deps, Set<String> order) {
        if (order.contains(file)) return;
        // modules.dep lists every dependency, direct or not, deepest last.
        List<String> d = new ArrayList<>(deps.getOrDefault(file, List.of()));
        java.util.Collections.reverse(d);
        for (String dep : d) add(dep, deps, order);
        order.add(file);
    }

    private static String which(String command) throws IOException {
        return TestSupport.exec(null, "sh", "-c", "command -v " + command).stdout().strip();
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The stand-in guest. Like the NixOS units it finds its ports by name and reads fw_cfg
     * items; every finding is one KEY=VALUE line on the journal port. Then the task: the
     * text from fw_cfg goes back on the task port, "ready" and "exit 3" on the status port.
     */
    static final String GUEST_INIT = """
            #!/bin/busybox sh
            /bin/busybox --install -s /bin
            mount -t proc proc /proc
            mount -t sysfs sys /sys
            mount -t devtmpfs dev /dev
            while read -r m; do insmod "/modules/$m"; done < /modules.order
            sleep 1
            port() { for d in /sys/class/virtio-ports/*; do [ "$(cat "$d/name")" = "$1" ] && echo "/dev/${d##*/}"; done; }
            J=$(port org.sandboxc.journal); T=$(port org.sandboxc.task); S=$(port org.sandboxc.status)
            say() { printf '%s\\n' "$*" >> "$J"; }
            F=/sys/firmware/qemu_fw_cfg/by_name/opt/sandboxc
            say "secret-sha256=$(sha256sum < $F/secret0/raw | cut -d' ' -f1)"
            PORT=$(sed 's/.*sbxport=\\([0-9]*\\).*/\\1/' /proc/cmdline)
            ip link set lo up
            ip link set eth0 up
            ip addr add 10.0.2.15/24 dev eth0
            ip route add default via 10.0.2.2
            say "allowed=$(printf 'CONNECT allowed.test:%s HTTP/1.1\\r\\n\\r\\nping-through-proxy\\n' "$PORT" | nc -w 5 10.0.2.100 3128 | tr -d '\\r' | tr '\\n' ' ')"
            say "denied=$(printf 'CONNECT other.test:%s HTTP/1.1\\r\\n\\r\\n' "$PORT" | nc -w 5 10.0.2.100 3128 | tr -d '\\r' | tr '\\n' ' ')"
            if echo x | nc -w 3 10.0.2.2 "$PORT" > /dev/null 2>&1; then say direct=connected; else say direct=refused; fi
            mkdir -p /mnt/docs /mnt/work
            mount -t 9p -o trans=virtio,version=9p2000.L,msize=65536 docs /mnt/docs
            mount -t 9p -o trans=virtio,version=9p2000.L,msize=65536 work /mnt/work
            say "ro-read=$(cat /mnt/docs/readme.txt)"
            if echo x > /mnt/docs/new.txt 2>/dev/null; then say ro-write=written; else say ro-write=refused; fi
            if echo from-guest > /mnt/work/out.txt; then say rw-write=ok; else say rw-write=failed; fi
            cat $F/task/raw > /tmp/task
            echo ready >> "$S"
            cat /tmp/task >> "$T"
            printf '\\n(agent done)\\n' >> "$T"
            echo 'exit 3' >> "$S"
            sync
            poweroff -f
            """;
}
