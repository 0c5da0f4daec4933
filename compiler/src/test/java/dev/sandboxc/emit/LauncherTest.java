package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lib-nix/sandbox-up.sh run for real with a stand-in microvm-run: secrets are read on
 * the host into the private runtime folder, reach the hypervisor's side byte for byte,
 * are absent from its environment and arguments, and are gone when it stops, whatever
 * way it stops.
 */
class LauncherTest {
    /** Values no generated or left-over file may contain. */
    static final String CANARY_ENV = "canary-env-7f3a9c\n'\"$(touch /tmp/pwned)`x` -- \\ end";
    static final String CANARY_FILE = "canary-file-1b2d4e";

    @TempDir
    Path tmp;
    Path root, xdg, home, stubs, seen;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("flake"));
        Files.writeString(root.resolve("sandboxc.json"), "{}");
        Files.writeString(root.resolve("flake.nix"), "{}");
        Files.writeString(root.resolve("token.txt"), CANARY_FILE);
        xdg = Files.createDirectories(tmp.resolve("xdg"));
        home = Files.createDirectories(tmp.resolve("home"));
        stubs = Files.createDirectories(tmp.resolve("stubs"));
        seen = Files.createDirectories(tmp.resolve("seen"));
        // The stand-in hypervisor: records what it can see, then exits with a status of its own.
        Path stub = stubs.resolve("microvm-run");
        Files.writeString(stub, """
                #!/usr/bin/env bash
                set -eu
                # sandbox-up clears the environment, so the stand-in knows its folder by heart.
                SEEN=%s
                env > "$SEEN/env"
                cat /proc/$$/cmdline | tr '\\0' ' ' > "$SEEN/cmdline"
                pwd > "$SEEN/pwd"
                for f in secrets/*; do
                  [ -e "$f" ] || continue
                  cp "$f" "$SEEN/$(basename "$f")"
                  stat -c '%%a' "$f" > "$SEEN/$(basename "$f").mode"
                done
                stat -c '%%a' secrets > "$SEEN/secrets.mode"
                exit "$(cat "$SEEN/status")"
                """.formatted(Shell.quote(seen.toString())));
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        // sandbox-audit and the record sink as the devShell provides them: the real scripts.
        HostStandIns.pythonCommand(tmp, stubs, "sandbox-audit", "audit-chain.py");
        HostStandIns.pythonCommand(tmp, stubs, "record-sink", "record-sink.py");
    }

    record Run(int status, String stderr, String stdout) {}

    /** The hypervisor and record channel the launcher is generated for (qemu unless a test says otherwise). */
    String hypervisor = "qemu";
    String channel = "virtio-serial";
    List<String> streams = List.of("7101|journal.jsonl", "7102|exec.log", "7103|task.out", "7104|task.status");

    Run launch(List<String> secrets, Map<String, String> env) throws Exception {
        return launch(secrets, List.of(), List.of(), env);
    }

    Run launch(List<String> secrets, List<String> shares, List<String> virtiofs, Map<String, String> env) throws Exception {
        return launch(secrets, shares, virtiofs, env, List.of(), 60);
    }

    Run launch(List<String> secrets, List<String> shares, List<String> virtiofs, Map<String, String> env,
               List<String> args, int timeout) throws Exception {
        StringBuilder script = new StringBuilder("SANDBOX_NAME=t\nSANDBOX_TIMEOUT=" + timeout + "\nSANDBOX_TASKS=1\n"
                + "SANDBOX_HYPERVISOR=" + hypervisor + "\nSANDBOX_VIRTIOFSD_ARGS=(--posix-acl --xattr)\nSANDBOX_VIRTIOFSD_THREADS='`nproc`'\n"
                + "SANDBOX_KEY_FILES=()\nSANDBOX_HOST_ENV=()\nSANDBOX_VOLUMES=()\n"
                + "SANDBOX_RECORD_CHANNEL=" + channel + "\nSANDBOX_TASK_TEXT_PORT=7105\n"
                + "SANDBOX_RECORD_SINK=" + Shell.quote(channel.equals("vsock") ? stubs.resolve("record-sink").toString() : "") + "\n");
        script.append(array("SANDBOX_SECRETS", secrets)).append(array("SANDBOX_SHARES", shares))
              .append(array("SANDBOX_VIRTIOFS", virtiofs)).append(array("SANDBOX_RECORD_STREAMS", streams));
        script.append(new String(FlakeEmitter.libFile("sandbox-up.sh"), StandardCharsets.UTF_8));
        Path file = tmp.resolve("sandbox-up");
        Files.writeString(file, script);
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", file.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(root.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", stubs + ":" + System.getenv("PATH"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
        Files.writeString(seen.resolve("status"), env.getOrDefault("STUB_STATUS", "7"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(false);
        pb.redirectOutput(tmp.resolve("stdout").toFile());
        pb.redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sandbox-up hung");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("stderr")), Files.readString(tmp.resolve("stdout")));
    }

    private static String array(String name, List<String> items) {
        StringBuilder b = new StringBuilder(name).append("=(");
        for (String s : items) b.append(Shell.quote(s)).append(' ');
        return b.append(")\n").toString();
    }

    /** A stand-in virtiofsd: records its arguments, makes its socket, and serves until it is killed. */
    void stubVirtiofsd() throws IOException {
        Path stub = stubs.resolve("virtiofsd");
        Files.writeString(stub, """
                #!/usr/bin/env bash
                set -eu
                SEEN=%s
                socket=
                for a in "$@"; do case $a in --socket-path=*) socket=${a#--socket-path=} ;; esac; done
                tag=$(basename "$socket")
                printf '%%s\\n' "$@" > "$SEEN/virtiofsd-$tag.args"
                echo $$ > "$SEEN/virtiofsd-$tag.pid"
                exec perl -MIO::Socket::UNIX -e 'my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0], Listen => 1) or die "$!"; sleep 600' "$socket"
                """.formatted(Shell.quote(seen.toString())));
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void readOnlySharesAreReadOnlyOnTheHost() throws Exception {
        stubVirtiofsd();
        Path docs = Files.createDirectories(root.resolve("docs"));
        Path work = Files.createDirectories(root.resolve("work"));
        Run r = launch(List.of(), List.of("docs=docs", "work=work"),
                List.of("docs|t-virtiofs-docs.sock|shares/docs|ro", "work|t-virtiofs-work.sock|shares/work|rw"),
                Map.of("STUB_STATUS", "0"));
        assertEquals(0, r.status(), r.stderr());
        List<String> ro = Files.readAllLines(seen.resolve("virtiofsd-t-virtiofs-docs.sock.args"));
        List<String> rw = Files.readAllLines(seen.resolve("virtiofsd-t-virtiofs-work.sock.args"));
        assertTrue(ro.contains("--readonly"), ro.toString());
        assertFalse(rw.contains("--readonly"), rw.toString());
        int threads = ro.indexOf("--thread-pool-size") + 1;
        assertTrue(threads > 0 && ro.get(threads).matches("[1-9][0-9]*"), "the default `nproc` is evaluated: " + ro);
        assertTrue(ro.contains("--posix-acl") && ro.stream().anyMatch(a -> a.startsWith("--shared-dir=") && a.endsWith("/shares/docs")), ro.toString());
        for (String tag : List.of("docs", "work")) {
            long pid = Long.parseLong(Files.readString(seen.resolve("virtiofsd-t-virtiofs-" + tag + ".sock.pid")).strip());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "virtiofsd for " + tag + " outlived the VM");
        }
        assertFalse(Files.exists(runFolder().resolve("t-virtiofs-docs.sock")), "sockets are removed");
        assertTrue(Files.isDirectory(docs) && Files.isDirectory(work));
    }

    /**
     * A stand-in guest for --task: reads the task file qemu would hand in, says ready,
     * "runs the agent" (prints the task back), reports the status, powers off.
     */
    void stubGuest(String behaviour) throws IOException {
        Path stub = stubs.resolve("microvm-run");
        Files.writeString(stub, """
                #!/usr/bin/env bash
                set -eu
                cp task %s/task
                %s
                """.formatted(Shell.quote(seen.toString()), behaviour));
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static final String AGENT_EXITS_3 = """
            echo ready > audit/task.status
            sleep 0.3
            cat task > audit/task.out
            printf '\\n(agent done)\\n' >> audit/task.out
            echo 'exit 3' >> audit/task.status
            """;

    @Test
    void aTaskRunsUnattendedAndItsTextArrivesAsData() throws Exception {
        stubGuest(AGENT_EXITS_3);
        String task = "fix \"it\" $(rm -rf ~) `id` 'quoted'\n--help\n-- ; & | > x\u00e9\n\n";
        Run r = launch(List.of(), List.of(), List.of(), Map.of(), List.of("--task", task), 60);
        assertEquals(3, r.status(), "the agent's status is the launcher's:\n" + r.stderr());
        assertEquals(task, Files.readString(seen.resolve("task")), "the task reaches the guest byte for byte");
        assertTrue(r.stdout().startsWith(task), "the agent's output is streamed: " + r.stdout());
        assertTrue(r.stdout().endsWith("(agent done)\n"), r.stdout());
        Path records = runFolder().resolve("audit").toRealPath();
        assertTrue(Files.readString(records.resolve("task.out")).startsWith(task));
        assertTrue(Files.exists(records.resolve("chain.jsonl")), "the task's records are sealed");
    }

    /**
     * cloud-hypervisor: a stand-in guest that speaks vsock as cloud-hypervisor carries it
     * (host port P is the Unix socket notify.vsock_P in the folder the runner starts in):
     * it fetches the task text from the record sink, sends a journal record, says ready,
     * "runs the agent", reports its status.
     */
    static final String VSOCK_GUEST = """
            python3 - "$SEEN" <<'PY'
            import socket, sys, time
            def connect(port):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect("notify.vsock_%d" % port)
                return s
            def send(port, data):
                s = connect(port)
                s.sendall(data)
                s.close()
            s = connect(7105)
            task = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                task += chunk
            open(sys.argv[1] + "/task", "wb").write(task)
            send(7101, b'{"MESSAGE":"booted"}\\n')
            send(7104, b"ready\\n")
            time.sleep(0.3)
            send(7103, task + b"\\n(agent done)\\n")
            send(7104, b"exit 3\\n")
            PY
            """;

    @Test
    void onCloudHypervisorRecordsAndTasksTravelOverVsock() throws Exception {
        hypervisor = "cloud-hypervisor";
        channel = "vsock";
        Path stub = stubs.resolve("microvm-run");
        Files.writeString(stub, "#!/usr/bin/env bash\nset -eu\nSEEN=" + Shell.quote(seen.toString()) + "\n" + VSOCK_GUEST);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        String task = "fix \"it\" $(rm -rf ~) `id` 'quoted'\n--help\n-- ; & | > x\u00e9\n\n";
        Run r = launch(List.of(), List.of(), List.of(), Map.of(), List.of("--task", task), 60);
        assertEquals(3, r.status(), "the agent's status is the launcher's:\n" + r.stderr());
        assertEquals(task, Files.readString(seen.resolve("task")), "the task reaches the guest byte for byte");
        assertTrue(r.stdout().startsWith(task) && r.stdout().endsWith("(agent done)\n"), r.stdout());
        Path run = runFolder();
        Path records = run.resolve("audit").toRealPath();
        assertEquals("{\"MESSAGE\":\"booted\"}\n", Files.readString(records.resolve("journal.jsonl")));
        assertEquals("ready\nexit 3\n", Files.readString(records.resolve("task.status")));
        assertTrue(Files.exists(records.resolve("chain.jsonl")), "the records are sealed");
        try (Stream<Path> left = Files.list(run)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("notify.vsock_")), "the sink's sockets are removed");
        }
    }

    @Test
    void aTaskThatOutlivesTheLimitIsStopped() throws Exception {
        stubGuest("echo ready > audit/task.status\nexec sleep 60");
        long t0 = System.nanoTime();
        Run r = launch(List.of(), List.of(), List.of(), Map.of(), List.of("--task", "loop forever"), 2);
        assertEquals(124, r.status(), r.stderr());
        assertTrue(r.stderr().contains("reached the time limit"), r.stderr());
        assertTrue((System.nanoTime() - t0) / 1_000_000_000L < 30, "stopped at the limit, not at the stand-in's end");
    }

    @Test
    void aGuestThatNeverStartsTheTaskIsABootFailure() throws Exception {
        stubGuest("exit 1");
        Run r = launch(List.of(), List.of(), List.of(), Map.of(), List.of("--task", "anything"), 60);
        assertEquals(125, r.status(), r.stderr());
        assertTrue(r.stderr().contains("stopped before the task started"), r.stderr());
        Run usage = launch(List.of(), List.of(), List.of(), Map.of(), List.of("--task"), 60);
        assertEquals(2, usage.status());
        Run empty = launch(List.of(), List.of(), List.of(), Map.of(), List.of("--task", ""), 60);
        assertEquals(1, empty.status());
    }

    /** The run folder the launcher used: $XDG_RUNTIME_DIR/sandboxc-UID/t-KEY. */
    Path runFolder() throws IOException {
        try (Stream<Path> s = Files.walk(xdg, 2)) {
            return s.filter(p -> p.getFileName().toString().startsWith("t-")).findFirst().orElseThrow();
        }
    }

    @Test
    void secretsArriveByteForByteAndLeaveNoTrace() throws Exception {
        Run r = launch(List.of("anthropic=env:CANARY_KEY", "gh=file:token.txt"), Map.of("CANARY_KEY", CANARY_ENV, "STUB_STATUS", "7"));
        assertEquals(7, r.status(), "the hypervisor's status is the launcher's:\n" + r.stderr());
        assertEquals(CANARY_ENV, Files.readString(seen.resolve("anthropic")));
        assertEquals(CANARY_FILE, Files.readString(seen.resolve("gh")));
        assertEquals("400", Files.readString(seen.resolve("anthropic.mode")).strip());
        assertEquals("700", Files.readString(seen.resolve("secrets.mode")).strip());
        String env = Files.readString(seen.resolve("env"));
        assertFalse(env.contains("canary"), "a secret reached the hypervisor's environment:\n" + env);
        assertFalse(env.contains("CANARY_KEY"), env);
        assertFalse(Files.readString(seen.resolve("cmdline")).contains("canary"));
        assertTrue(Files.readString(seen.resolve("pwd")).strip().startsWith(xdg.toString()), "runs in the private runtime folder");
        Path run = runFolder();
        assertFalse(Files.exists(run.resolve("secrets")), "secrets must be deleted when the VM stops");
        // The run's records are sealed on the host, outside the runtime folder, and the head is shown.
        Path records = run.resolve("audit").toRealPath();
        assertTrue(records.startsWith(home.resolve(".local/state/sandboxc").toRealPath()), records.toString());
        assertTrue(Files.exists(records.resolve("chain.jsonl")), "sealed");
        assertTrue(r.stderr().contains("records sealed, sha256:"), r.stderr());
        assertNoCanary(run);
        assertFalse(r.stderr().contains("canary"), r.stderr());
    }

    @Test
    void aFailingHypervisorStillRemovesTheSecrets() throws Exception {
        Run r = launch(List.of("anthropic=env:CANARY_KEY"), Map.of("CANARY_KEY", CANARY_ENV, "STUB_STATUS", "1"));
        assertEquals(1, r.status());
        assertFalse(Files.exists(runFolder().resolve("secrets")));
    }

    @Test
    void aMissingSourceStopsBeforeTheVmStarts() throws Exception {
        Run r = launch(List.of("anthropic=env:CANARY_KEY"), Map.of());
        assertEquals(1, r.status());
        assertTrue(r.stderr().contains("secret anthropic: the environment variable CANARY_KEY is not set"), r.stderr());
        assertFalse(Files.exists(seen.resolve("env")), "the hypervisor must not start");
        Run f = launch(List.of("gh=file:missing.txt"), Map.of());
        assertEquals(1, f.status());
        assertTrue(f.stderr().contains("secret gh: cannot read"), f.stderr());
        assertFalse(Files.exists(runFolder().resolve("secrets")));
    }

    @Test
    void homeRelativeSecretFiles() throws Exception {
        Files.createDirectories(home.resolve(".config/sandboxc"));
        Files.writeString(home.resolve(".config/sandboxc/key"), CANARY_FILE);
        Run r = launch(List.of("k=file:~/.config/sandboxc/key"), Map.of("STUB_STATUS", "0"));
        assertEquals(0, r.status(), r.stderr());
        assertEquals(CANARY_FILE, Files.readString(seen.resolve("k")));
    }

    @Test
    void noGeneratedFileCarriesASecretValue() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("proj"));
        Files.writeString(src.resolve("key.txt"), CANARY_FILE);
        Path file = src.resolve("a.sandbox");
        Files.writeString(file, """
                sandbox a {
                  agent claude-code { api-key = secret anthropic }
                  agent aider { api-key = secret openai }
                  secret anthropic { from = env "CANARY_KEY" }
                  secret openai { from = file "/run/secrets/openai" }
                  network { allow = [ "api.anthropic.com:443" ] }
                }
                sandbox b {
                  hypervisor = cloud-hypervisor
                  agent codex { api-key = secret k }
                  secret k { from = file "~/key.txt" }
                }
                """);
        Frontend.Result result = Frontend.analyze(TestSupport.source(file, "a.sandbox"));
        assertTrue(result.ok(), TestSupport.render(result));
        for (GeneratedFile g : TestSupport.emit(result, src.resolve("out"))) {
            String text = new String(g.content(), StandardCharsets.UTF_8);
            assertFalse(text.contains("canary"), g.path() + " carries a secret value");
        }
    }

    private static void assertNoCanary(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(p, StandardCharsets.ISO_8859_1).contains("canary"), p + " keeps a secret value");
            }
        }
    }
}
