package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sandboxc fmt` as users and pre-commit meet it: exit codes, what goes where, what is written. */
class FmtCliTest {

    @TempDir
    Path tmp;

    static final String MESSY = "sandbox a{hypervisor=qemu\nresources{vcpus=2}}\n";
    static final String FORMATTED = "sandbox a {\n  hypervisor = qemu\n  resources { vcpus = 2 }\n}\n";

    static CliTest.Run withInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliTest.Run(status, out.toString(), err.toString());
    }

    static CliTest.Run run(String... args) { return withInput("", args); }

    Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void rewritesAChangedFileAndNamesItOnStderr() throws IOException {
        Path f = file("a.sandbox", MESSY);
        CliTest.Run r = run("fmt", f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("formatted " + f + "\n", r.err());
        assertEquals(FORMATTED, Files.readString(f));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary file is left");
        }
    }

    @Test
    void anUnchangedFileIsNotWrittenAtAll() throws IOException {
        Path f = file("a.sandbox", FORMATTED);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(f, old);
        CliTest.Run r = run("fmt", f.toString());
        assertEquals(0, r.status());
        assertEquals("", r.out() + r.err());
        assertEquals(old, Files.getLastModifiedTime(f));
    }

    @Test
    void permissionsAreKept() throws IOException {
        Path f = file("a.sandbox", MESSY);
        var permissions = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(f, permissions);
        assertEquals(0, run("fmt", f.toString()).status());
        assertEquals(FORMATTED, Files.readString(f));
        assertEquals(permissions, Files.getPosixFilePermissions(f));
    }

    @Test
    void aLinkedFileIsFormattedAndTheLinkStays() throws IOException {
        Path real = file("real/a.sandbox", MESSY);
        Path link = tmp.resolve("a.sandbox");
        Files.createSymbolicLink(link, real);
        assertEquals(0, run("fmt", link.toString()).status());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(FORMATTED, Files.readString(real));
    }

    @Test
    void checkListsWhatWouldChangeAndWritesNothing() throws IOException {
        Path messy = file("a.sandbox", MESSY);
        Path clean = file("b.sandbox", FORMATTED);
        CliTest.Run r = run("fmt", "--check", messy.toString(), clean.toString());
        assertEquals(1, r.status());
        assertEquals(messy + "\n", r.out());
        assertTrue(r.err().contains("1 file is not formatted"), r.err());
        assertEquals(MESSY, Files.readString(messy));
        CliTest.Run ok = run("fmt", "--check", clean.toString());
        assertEquals(0, ok.status());
        assertEquals("", ok.out() + ok.err());
    }

    @Test
    void theExamplesAreFormatted() {
        CliTest.Run r = run("fmt", "--check", TestSupport.root().resolve("examples").toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals("", r.out());
    }

    @Test
    void diffShowsTheChangeAndWritesNothing() throws IOException {
        Path f = file("a.sandbox", MESSY);
        CliTest.Run r = run("fmt", "--diff", f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("--- " + f + "\n+++ " + f + "\n@@ -1,2 +1,4 @@\n-sandbox a{hypervisor=qemu\n-resources{vcpus=2}}\n"
                + "+sandbox a {\n+  hypervisor = qemu\n+  resources { vcpus = 2 }\n+}\n", r.out());
        assertEquals(MESSY, Files.readString(f));
        CliTest.Run checked = run("fmt", "--check", "--diff", f.toString());
        assertEquals(1, checked.status());
        assertEquals(r.out(), checked.out());
    }

    @Test
    void aSyntaxErrorIsReportedLikeCompileDoesAndTheFileIsLeftAlone() throws IOException {
        String broken = "sandbox a {\n  memory = [ 1,\n}\n";
        Path f = file("a.sandbox", broken);
        CliTest.Run r = run("fmt", f.toString());
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(f + ":3:1: error[E010]: expected"), r.err());
        assertTrue(r.err().contains(" 3 | }\n   | ^ unexpected '}'") && r.err().contains("  = hint: "), r.err());
        assertTrue(r.err().endsWith(f + ": 1 error; not formatted\n"), r.err());
        assertEquals(broken, Files.readString(f));
        assertEquals(1, run("fmt", "--check", f.toString()).status());
    }

    @Test
    void typeErrorsDoNotStopIt() throws IOException {
        Path f = file("a.sandbox", "sandbox a { resources { memory = \"8192\" } ;\n frobnicate=1 }");
        assertEquals(0, run("fmt", f.toString()).status());
        assertEquals("sandbox a {\n  resources { memory = \"8192\" }\n  frobnicate = 1\n}\n", Files.readString(f));
    }

    @Test
    void standardInputGoesToStandardOutput() {
        CliTest.Run r = withInput(MESSY, "fmt", "-");
        assertEquals(0, r.status(), r.err());
        assertEquals(FORMATTED, r.out());
        assertEquals("", r.err());
        CliTest.Run same = withInput(FORMATTED, "fmt", "-");
        assertEquals(FORMATTED, same.out());
        CliTest.Run check = withInput(MESSY, "fmt", "--check", "-");
        assertEquals(1, check.status());
        assertEquals("<stdin>\n", check.out());
        CliTest.Run broken = withInput("sandbox a {", "fmt", "-");
        assertEquals(1, broken.status());
        assertEquals("", broken.out());
        assertTrue(broken.err().startsWith("<stdin>:1:"), broken.err());
    }

    @Test
    void foldersAreWalkedForSandboxFilesLikeLint() throws IOException {
        Path a = file("project/a.sandbox", MESSY);
        Path b = file("project/sub/b.sandbox", MESSY);
        Path hidden = file("project/.cache/c.sandbox", MESSY);
        Path other = file("project/notes.txt", MESSY);
        CliTest.Run check = run("fmt", "--check", tmp.resolve("project").toString());
        assertEquals(1, check.status());
        assertEquals(a + "\n" + b + "\n", check.out());
        CliTest.Run r = run("fmt", tmp.resolve("project").toString());
        assertEquals(0, r.status());
        assertEquals("formatted " + a + "\nformatted " + b + "\n", r.err());
        assertEquals(FORMATTED, Files.readString(b));
        assertEquals(MESSY, Files.readString(hidden));
        assertEquals(MESSY, Files.readString(other));
        CliTest.Run empty = run("fmt", Files.createDirectories(tmp.resolve("empty")).toString());
        assertEquals(0, empty.status());
        assertTrue(empty.err().contains("no .sandbox files under"), empty.err());
    }

    @Test
    void crlfAndAByteOrderMarkAreWrittenAsPlainUtf8WithLf() throws IOException {
        Path f = tmp.resolve("a.sandbox");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Files.write(f, concat(bom, FORMATTED.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, run("fmt", f.toString()).status());
        assertArrayEquals(FORMATTED.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f));
        // A BOM alone is a change too.
        Files.write(f, concat(bom, FORMATTED.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, run("fmt", "--check", f.toString()).status());
    }

    @Test
    void aSuppressionThatWouldMoveLeavesTheFileAlone() throws IOException {
        String text = "sandbox s {\n  a = 1\n  # sandboxc:ignore SBX-NET-001 reason=\"r\"\n  ;\n  b = 2\n}\n";
        Path f = file("a.sandbox", text);
        CliTest.Run r = run("fmt", f.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(":3:3: error[E020]: formatting would change what this suppression covers"), r.err());
        assertEquals(text, Files.readString(f));
    }

    @Test
    void unreadableInputIsAUsageError() throws IOException {
        CliTest.Run missing = run("fmt", tmp.resolve("missing.sandbox").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path bad = tmp.resolve("bad.sandbox");
        Files.write(bad, new byte[] {'s', (byte) 0xff, '\n'});
        CliTest.Run invalid = run("fmt", bad.toString());
        assertEquals(1, invalid.status());
        assertTrue(invalid.err().contains("error[E000]: invalid UTF-8"), invalid.err());
        assertEquals(2, run("fmt").status());
        assertEquals(2, run("fmt", "--frobnicate", "x").status());
    }

    @Test
    void helpNamesTheCommand() {
        assertTrue(run("--help").out().contains("fmt"));
        CliTest.Run help = run("fmt", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("--check") && help.out().contains("--diff") && help.out().contains("Exit status"), help.out());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
