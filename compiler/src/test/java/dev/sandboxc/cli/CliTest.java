package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.emit.FlakeEmitter;
import dev.sandboxc.emit.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users meet it: help, version, exit codes, what goes where. */
class CliTest {

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    static final Path AGENT = TestSupport.root().resolve("examples/agent.sandbox");

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("compile"), r.out());
        assertTrue(r.out().contains("Exit status"), r.out());
    }

    @Test
    void everySubcommandHasAHelpPage() {
        Run r = run("compile", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--force") && r.out().contains("-o, --output"), r.out());
        Run viaHelp = run("help", "compile");
        assertEquals(r.out(), viaHelp.out());
    }

    @Test
    void versionNamesTheDefaultPins() {
        Run r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("sandboxc "), r.out());
        assertTrue(r.out().contains("nixos-25.05") && r.out().contains("f30ae9b9e740116d044935c9c0c68bd1c2ce8432"), r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.status());
        assertTrue(r.err().contains("missing command"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("compile", "--frobnicate", "x.sandbox");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--frobnicate"), r.err());
    }

    @Test
    void missingFileIsAUsageError() {
        Run r = run("compile", tmp.resolve("nope.sandbox").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void aDirectoryIsAUsageError() {
        Run r = run("compile", tmp.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    @Test
    void outputWithSeveralFilesIsAUsageError() throws IOException {
        Run r = run("compile", AGENT.toString(), AGENT.toString(), "-o", tmp.resolve("x").toString());
        assertEquals(2, r.status());
    }

    @Test
    void invalidInputExitsOneAndWritesNothing() throws IOException {
        Path bad = tmp.resolve("bad.sandbox");
        Files.writeString(bad, "sandbox a {\n  resources { memory = 8 }\n}\n");
        Path out = tmp.resolve("out");
        Run r = run("compile", bad.toString(), "-o", out.toString());
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().contains("bad.sandbox:2:24: error[E201]"), r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFileOfProfilesOnlyHasNoSandboxToCompile() throws IOException {
        // Found by fuzzing: it used to reach emission with no sandbox and crash there.
        Path f = tmp.resolve("base.sandbox");
        Files.writeString(f, "profile base {\n  hypervisor = qemu\n}\n");
        Run r = run("compile", f.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("error[E109]: no sandbox in this file")
                && r.err().contains("sandbox agent extends base { }"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void invalidUtf8IsADiagnostic() throws IOException {
        Path bad = tmp.resolve("latin1.sandbox");
        Files.write(bad, "sandbox caf\u00e9 {}\n".getBytes(StandardCharsets.ISO_8859_1));
        Run r = run("compile", bad.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("error[E000]: invalid UTF-8"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void tooLargeIsRefused() throws IOException {
        Path big = tmp.resolve("big.sandbox");
        Files.write(big, new byte[(int) Inputs.MAX_BYTES + 1]);
        Run r = run("compile", big.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("over the 1 MiB limit"), r.err());
    }

    /**
     * An output folder nobody may write: under /proc even root cannot create one, a
     * regular file cannot hold one, and (when the tests do not run as root) a 0555 folder
     * refuses. Each is one clean diagnostic with the reason and a hint, exit 1, and
     * nothing half-written.
     */
    @Test
    void anUnwritableOutputFolderIsACleanDiagnostic() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        List<Path> targets = new java.util.ArrayList<>(List.of(file.resolve("out")));
        if (Files.isDirectory(Path.of("/proc/self"))) targets.add(Path.of("/proc/sandboxc-out-" + ProcessHandle.current().pid()));
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            targets.add(locked);
        }
        try {
            for (Path target : targets) {
                Run r = run("compile", AGENT.toString(), "-o", target.toString());
                assertEquals(1, r.status(), target + ": " + r.err());
                assertEquals("", r.out());
                String first = r.err().lines().findFirst().orElse("");
                assertTrue(first.startsWith("sandboxc: error: cannot write to " + target + ": "), r.err());
                assertTrue(first.matches(".*: (permission denied|no such file or folder|not a folder|Not a directory"
                        + "|Read-only file system|Operation not permitted)$"), "says why: " + first);
                assertTrue(r.err().contains("= hint: nothing was written; choose a folder you can write to with -o DIR"), r.err());
                assertFalse(r.err().contains("Exception"), r.err());
            }
            assertEquals("x", Files.readString(file));
            if (!root) assertEquals(List.of(), list(locked), "no temporary file is left behind");
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A fifo as the input would block a naive reader forever; it is refused without opening it. */
    @Test
    void aFifoIsRefusedWithoutReadingIt() throws Exception {
        Path fifo = tmp.resolve("pipe.sandbox");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        Run c = run("compile", fifo.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(2, c.status(), c.err());
        assertTrue(c.err().contains("not a regular file"), c.err());
        Run l = run("lint", fifo.toString());
        assertEquals(2, l.status(), l.err());
        assertTrue((l.out() + l.err()).contains("not a regular file"), l.out() + l.err());
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void compilesTheSeedExample() throws IOException {
        Path out = tmp.resolve("agent");
        Run r = run("compile", AGENT.toString(), "-o", out.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("nix develop"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("flake.nix")));
        assertTrue(Files.isRegularFile(out.resolve("nix/agent.nix")));
        for (String lib : FlakeEmitter.LIB_FILES) assertTrue(Files.isRegularFile(out.resolve("nix/lib").resolve(lib)), lib);
        Manifest m = Manifest.parse(Files.readAllBytes(out.resolve(Manifest.FILE)));
        assertTrue(m.source().endsWith("examples/agent.sandbox"), m.source());
        assertFalse(m.source().startsWith("/"), "no absolute paths in the output: " + m.source());
    }

    @Test
    void quietPrintsNothingOnSuccess() {
        Run r = run("compile", "-q", AGENT.toString(), "-o", tmp.resolve("q").toString());
        assertEquals(0, r.status());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void compilingTwiceGivesIdenticalBytes() throws IOException {
        Path one = tmp.resolve("one/agent");
        Path two = tmp.resolve("two/agent");
        assertEquals(0, run("compile", AGENT.toString(), "-o", one.toString()).status());
        assertEquals(0, run("compile", AGENT.toString(), "-o", two.toString()).status());
        // Folders at the same depth: the relative source paths agree, so every byte must.
        Map<String, byte[]> a = tree(one);
        Map<String, byte[]> b = tree(two);
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
        // And again into the same folder: nothing changes.
        Run again = run("compile", AGENT.toString(), "-o", one.toString());
        assertTrue(again.out().contains("0 written"), again.out());
    }

    @Test
    void refusesToClobberAHandWrittenFlake() throws IOException {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("flake.nix"), "{ my = \"flake\"; }\n");
        Run r = run("compile", AGENT.toString(), "-o", out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("flake.nix exists and was not written by sandboxc"), r.err());
        assertEquals("{ my = \"flake\"; }\n", Files.readString(out.resolve("flake.nix")));
        assertEquals(List.of("flake.nix"), list(out));
        Run forced = run("compile", "--force", AGENT.toString(), "-o", out.toString());
        assertEquals(0, forced.status(), forced.err());
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        for (String rel : list(dir)) m.put(rel, Files.readAllBytes(dir.resolve(rel)));
        return m;
    }
}
