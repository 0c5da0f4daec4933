package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OutputWriter on an in-memory Unix file system: never destroys work, leaves no debris. */
class OutputWriterTest {

    FileSystem fs;
    Path out;

    @BeforeEach
    void setUp() throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        out = fs.getPath("/project/out");
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
    }

    static List<GeneratedFile> files(String... pathsAndTexts) {
        List<GeneratedFile> list = new java.util.ArrayList<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) list.add(GeneratedFile.text(pathsAndTexts[i], pathsAndTexts[i + 1]));
        return list;
    }

    static Manifest manifest(String source, List<GeneratedFile> files) {
        Map<String, String> d = new LinkedHashMap<>();
        for (GeneratedFile f : files) d.put(f.path(), f.sha256());
        return new Manifest("0.0-test", source, "0".repeat(64), d);
    }

    OutputWriter.Outcome write(String source, List<GeneratedFile> files, boolean force) throws IOException {
        return OutputWriter.write(out, files, manifest(source, files), force);
    }

    String read(String rel) throws IOException {
        return Files.readString(out.resolve(rel), StandardCharsets.UTF_8);
    }

    @Test
    void writesEveryFileAndTheManifestIntoAFreshFolder() throws IOException {
        var o = write("../a.sandbox", files("flake.nix", "{ }\n", "nix/a.nix", "{ }\n"), false);
        assertFalse(o.refused());
        assertEquals(List.of("flake.nix", "nix/a.nix", Manifest.FILE), o.written());
        assertEquals("{ }\n", read("nix/a.nix"));
        Manifest m = OutputWriter.readManifest(out);
        assertEquals("../a.sandbox", m.source());
        assertEquals(Digests.sha256("{ }\n".getBytes(StandardCharsets.UTF_8)), m.files().get("flake.nix"));
    }

    @Test
    void secondIdenticalWriteChangesNothing() throws IOException {
        var f = files("flake.nix", "x\n");
        write("../a.sandbox", f, false);
        var o = write("../a.sandbox", f, false);
        assertEquals(List.of(), o.written());
        assertEquals(List.of("flake.nix", Manifest.FILE), o.unchanged());
    }

    @Test
    void refusesToOverwriteAFileItDidNotWrite() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("flake.nix"), "mine\n");
        var o = write("../a.sandbox", files("flake.nix", "generated\n", "nix/a.nix", "{ }\n"), false);
        assertTrue(o.refused());
        assertEquals(List.of(new OutputWriter.Conflict("flake.nix", OutputWriter.Reason.NOT_GENERATED)), o.conflicts());
        // Nothing at all was written: not the other file, not the manifest.
        assertEquals("mine\n", read("flake.nix"));
        assertFalse(Files.exists(out.resolve("nix")));
        assertFalse(Files.exists(out.resolve(Manifest.FILE)));
    }

    @Test
    void refusesToOverwriteAHandEditedFile() throws IOException {
        write("../a.sandbox", files("flake.nix", "v1\n"), false);
        Files.writeString(out.resolve("flake.nix"), "v1 plus my edit\n");
        var o = write("../a.sandbox", files("flake.nix", "v2\n"), false);
        assertEquals(List.of(new OutputWriter.Conflict("flake.nix", OutputWriter.Reason.EDITED)), o.conflicts());
        assertEquals("v1 plus my edit\n", read("flake.nix"));
    }

    @Test
    void forceOverwritesConflicts() throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("flake.nix"), "mine\n");
        var o = write("../a.sandbox", files("flake.nix", "generated\n"), true);
        assertEquals("generated\n", read("flake.nix"));
        assertEquals(1, o.conflicts().size());
        assertTrue(o.written().contains("flake.nix"));
    }

    @Test
    void refusesTheFlakeOfAnotherSource() throws IOException {
        write("../a.sandbox", files("flake.nix", "a\n"), false);
        var o = write("../b.sandbox", files("flake.nix", "b\n"), false);
        assertEquals(List.of(new OutputWriter.Conflict(Manifest.FILE, OutputWriter.Reason.OTHER_SOURCE)), o.conflicts());
        assertEquals("a\n", read("flake.nix"));
    }

    @Test
    void removesFilesItWroteAndNoLongerGenerates() throws IOException {
        write("../a.sandbox", files("flake.nix", "x\n", "nix/old.nix", "old\n"), false);
        var o = write("../a.sandbox", files("flake.nix", "x\n", "nix/new.nix", "new\n"), false);
        assertEquals(List.of("nix/old.nix"), o.removed());
        assertFalse(Files.exists(out.resolve("nix/old.nix")));
        assertEquals("new\n", read("nix/new.nix"));
    }

    @Test
    void keepsAnOwnedFileThatWasEditedEvenWhenNoLongerGenerated() throws IOException {
        write("../a.sandbox", files("flake.nix", "x\n", "nix/old.nix", "old\n"), false);
        Files.writeString(out.resolve("nix/old.nix"), "old, but I changed it\n");
        var o = write("../a.sandbox", files("flake.nix", "x\n"), false);
        assertEquals(List.of(), o.removed());
        assertEquals("old, but I changed it\n", read("nix/old.nix"));
    }

    @Test
    void removesFoldersLeftEmpty() throws IOException {
        write("../a.sandbox", files("flake.nix", "x\n", "nix/deep/a.nix", "a\n"), false);
        write("../a.sandbox", files("flake.nix", "x\n"), false);
        assertFalse(Files.exists(out.resolve("nix")));
        assertTrue(Files.exists(out.resolve("flake.nix")));
    }

    @Test
    void aFolderWhereAFileBelongsIsAConflict() throws IOException {
        Files.createDirectories(out.resolve("flake.nix"));
        var o = write("../a.sandbox", files("flake.nix", "x\n"), true);
        assertEquals(OutputWriter.Reason.NOT_A_FILE, o.conflicts().get(0).reason());
    }

    @Test
    void neverWritesThroughALinkedFolder() throws IOException {
        Path elsewhere = fs.getPath("/elsewhere");
        Files.createDirectories(elsewhere);
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("nix"), elsewhere);
        var o = write("../a.sandbox", files("flake.nix", "x\n", "nix/a.nix", "a\n"), false);
        assertTrue(o.refused());
        assertEquals(OutputWriter.Reason.NOT_A_FILE, o.conflicts().get(0).reason());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aPathOutsideTheFolderIsABug() {
        assertThrows(IllegalArgumentException.class, () -> write("../a.sandbox", files("../escape.nix", "x\n"), false));
    }

    @Test
    void leavesNoTemporaryFiles() throws IOException {
        write("../a.sandbox", files("flake.nix", "x\n", "nix/a.nix", "a\n"), false);
        write("../a.sandbox", files("flake.nix", "y\n", "nix/a.nix", "b\n"), false);
        try (Stream<Path> s = Files.walk(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("sandboxc-tmp")));
        }
    }

    @Test
    void outputThatIsAFileIsAnError() throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, "not a folder");
        assertThrows(IOException.class, () -> write("../a.sandbox", files("flake.nix", "x\n"), false));
    }

    @Test
    void manifestBytesAreStable() {
        var f = files("b.nix", "b", "a.nix", "a");
        byte[] one = manifest("../x.sandbox", f).toJson();
        byte[] two = manifest("../x.sandbox", List.of(f.get(1), f.get(0))).toJson();
        assertArrayEquals(one, two, "keys are sorted whatever the order of the files");
        String json = new String(one, StandardCharsets.UTF_8);
        assertTrue(json.endsWith("}\n") && !json.contains("\r"), json);
        assertEquals(manifest("../x.sandbox", f), Manifest.parse(one));
    }

    @Test
    void foreignJsonIsNotAManifest() {
        assertEquals(null, Manifest.parse("{\"generator\":\"other\",\"version\":\"1\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, Manifest.parse("not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, Manifest.parse(new byte[0]));
        for (String bad : List.of("[1, 2]", "{\"generator\": \"sandboxc\"}", "{\"generator\": \"sandboxc\", \"version\": \"1\", \"files\": [\"a\"]}",
                "{\"generator\": \"sandboxc\", \"version\": \"1\", \"files\": {\"a\": {\"b\": \"c\"}}}",
                "{\"generator\": \"sandboxc\", \"version\": \"1\", \"source\": \"x\"}", "{\"generator\": \"sandboxc\", \"version\": *a}",
                "{\"generator\": \"sandboxc\", \"version\": \"1\"", "{\"generator\": \"sandboxc\", \"version\": \"1\", \"x\": [[[[\"")) {
            assertEquals(null, Manifest.parse(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
        assertEquals(null, Manifest.parse(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}), "invalid UTF-8");
    }

    @Test
    void manifestReadsBackWhateverTheSourceIsCalled() {
        var f = files("a.nix", "a");
        // Non-ASCII, C1 controls (which YAML does not allow raw), quotes, backslashes, a tab, a NUL.
        for (String source : List.of("../d\u00e9j\u00e0/\u6f22\u5b57.sandbox", "../a\u0085b\u009f.sandbox", "../\"q\"\\b\t\u0000.sandbox",
                "../\ud83d\ude00.sandbox", "../\u2028\ufeff.sandbox")) {
            byte[] json = manifest(source, f).toJson();
            for (byte b : json) assertTrue(b >= 0, "ASCII only: " + new String(json, StandardCharsets.UTF_8));
            assertEquals(manifest(source, f), Manifest.parse(json), source);
        }
        // Manifests written before the output went ASCII-only (raw UTF-8, Jackson's default) still read.
        String older = "{\n  \"generator\" : \"sandboxc\",\n  \"version\" : \"0.1.0\",\n  \"source\" : {\n    \"path\" : \"../d\u00e9j\u00e0.sandbox\",\n"
                + "    \"sha256\" : \"ab\"\n  },\n  \"files\" : {\n    \"flake.nix\" : \"cd\"\n  }\n}\n";
        assertEquals(new Manifest("0.1.0", "../d\u00e9j\u00e0.sandbox", "ab", java.util.Map.of("flake.nix", "cd")),
                Manifest.parse(older.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void replacingAFileKeepsItsPermissionsAndLeavesNoTemporaryFile() throws IOException {
        fs.close();
        fs = Jimfs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("basic", "owner", "posix", "unix").build());
        Path file = fs.getPath("/project/a.sandbox");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old\n");
        var permissions = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, permissions);
        OutputWriter.replaceAtomically(file, "new\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("new\n", Files.readString(file));
        assertEquals(permissions, Files.getPosixFilePermissions(file));
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void replacingThroughALinkReplacesTheFileAndKeepsTheLink() throws IOException {
        Path real = fs.getPath("/project/real/a.sandbox");
        Path link = fs.getPath("/project/a.sandbox");
        Files.createDirectories(real.getParent());
        Files.writeString(real, "old\n");
        Files.createSymbolicLink(link, real);
        OutputWriter.replaceAtomically(link, "new\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", Files.readString(real));
    }

    @Test
    void replacingAMissingFileIsAnError() {
        assertThrows(IOException.class, () -> OutputWriter.replaceAtomically(fs.getPath("/nowhere/a.sandbox"), new byte[0]));
    }
}
