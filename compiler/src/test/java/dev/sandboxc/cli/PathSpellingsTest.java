package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a user spells a path, for compile, check, fmt and lint, on the real file
 * system (relative paths resolve against a real working folder, "." normalises to the
 * empty path, links resolve): a file at the root of the working folder, "./", "sub/..",
 * absolute; output "-o .", "-o ./", "-o sub/..", "-o .." from a subfolder; a working
 * folder reached through a symbolic link; a folder with a space in its name.
 *
 * <p>Every spelling of the same file must give the same flake, byte for byte: each compile
 * after the first writes nothing ("0 written"), and the three folders hold identical flakes.
 */
class PathSpellingsTest {
    @TempDir
    Path tmp;

    static final String AGENT = """
            sandbox agent {
              agent aider { }
              share project {
                source = "."
                mount  = /workspace
              }
            }
            """;
    static final String MESSY = "sandbox messy {   agent aider { }\n}\n";
    static final String MESSY_FORMATTED = "sandbox messy {\n  agent aider { }\n}\n";

    /** A file spelt four ways: name is the file's name, root the working folder as typed in absolute spellings. */
    static List<String> fileSpellings(String root, String name) {
        return List.of(name, "./" + name, "sub/../" + name, root + "/" + name);
    }

    static List<String> folderSpellings(String root) {
        return List.of(".", "./", "sub/..", root, root + "/");
    }

    @Test
    void everySpellingWorksForEveryCommand() throws Exception {
        Path plain = project(tmp.resolve("plain"));
        Path spaced = project(tmp.resolve("my project"));
        Path real = project(tmp.resolve("real"));
        Path linked = Files.createSymbolicLink(tmp.resolve("linked"), real);

        for (Path cwd : List.of(plain, spaced, linked)) {
            String root = cwd.toString();
            List<List<String>> commands = new ArrayList<>();
            List<String> what = new ArrayList<>();
            for (String f : fileSpellings(root, "agent.sandbox")) {
                add(commands, what, "compile", f);
                add(commands, what, "check", f);
                add(commands, what, "lint", f);
                add(commands, what, "fmt", "--check", f);
            }
            List<String> messy = fileSpellings(root, "");
            for (int i = 0; i < messy.size(); i++) add(commands, what, "fmt", messy.get(i) + "messy-" + i + ".sandbox");
            for (String d : folderSpellings(root)) {
                add(commands, what, "compile", "agent.sandbox", "-o", d);
                add(commands, what, "check", d);
                add(commands, what, "lint", d);
                add(commands, what, "fmt", "--check", d);
            }
            List<RunInFolder.Result> results = RunInFolder.run(cwd, commands);
            for (int i = 0; i < results.size(); i++) {
                RunInFolder.Result r = results.get(i);
                String label = cwd + ": sandboxc " + what.get(i) + "\n" + r.out() + r.err();
                assertEquals(0, r.status(), label);
                assertFalse((r.out() + r.err()).contains("error"), label);
                if (what.get(i).startsWith("compile ")) {
                    // The first compile writes the flake; every other spelling finds it exactly as it would write it.
                    assertTrue(r.out().contains(i == 0 ? " 0 unchanged)" : "(0 written, "), label);
                    assertTrue(r.out().contains("  nix develop .#agent   then: sandbox-up"), label);
                }
                if (what.get(i).startsWith("lint ")) assertFalse(r.out().contains(" ./"), "no ./ in names: " + label);
            }
            for (int i = 0; i < messy.size(); i++) {
                assertEquals(MESSY_FORMATTED, Files.readString(cwd.resolve("messy-" + i + ".sandbox")), "fmt of spelling " + i);
            }
        }
        Map<String, byte[]> reference = tree(plain);
        assertTrue(reference.containsKey("flake.nix") && reference.containsKey("sandboxc.json"), reference.keySet().toString());
        for (Path other : List.of(spaced, real)) {
            Map<String, byte[]> flake = tree(other);
            assertEquals(reference.keySet(), flake.keySet(), other.toString());
            for (String k : reference.keySet()) assertArrayEquals(reference.get(k), flake.get(k), other + ": " + k);
        }
    }

    /** "-o .." and no -o from a subfolder: the flake goes to the parent, where the file is. */
    @Test
    void theParentFolderAsOutput() throws Exception {
        Path project = project(tmp.resolve("p"));
        for (int i = 0; i < 4; i++) Files.delete(project.resolve("messy-" + i + ".sandbox"));
        Path sub = project.resolve("sub");
        List<List<String>> commands = List.of(
                List.of("compile", "../agent.sandbox", "-o", ".."),
                List.of("compile", "../agent.sandbox"),
                List.of("check", ".."),
                List.of("check", "../agent.sandbox"),
                List.of("lint", ".."),
                List.of("fmt", "--check", ".."));
        List<RunInFolder.Result> results = RunInFolder.run(sub, commands);
        for (int i = 0; i < results.size(); i++) {
            RunInFolder.Result r = results.get(i);
            assertEquals(0, r.status(), commands.get(i) + "\n" + r.out() + r.err());
        }
        assertTrue(results.get(0).out().matches("(?s)compiled \\.\\./agent\\.sandbox -> \\.\\. \\(\\d+ written, 0 unchanged\\)\n.*"), results.get(0).out());
        assertTrue(results.get(0).out().contains("  nix develop ..#agent   then: sandbox-up"), results.get(0).out());
        assertTrue(results.get(1).out().contains("(0 written, "), results.get(1).out());
        assertTrue(Files.isRegularFile(project.resolve("flake.nix")));
        try (Stream<Path> s = Files.list(sub)) {
            assertEquals(List.of(), s.toList(), "nothing lands in the working folder");
        }
    }

    /** A missing file or folder is named as such, not as a missing manifest inside it. */
    @Test
    void checkOfSomethingMissingSaysSo() throws Exception {
        Path project = project(tmp.resolve("q"));
        List<RunInFolder.Result> results = RunInFolder.run(project, List.of(List.of("check", "nope.sandbox"), List.of("check", "nope")));
        for (RunInFolder.Result r : results) {
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("sandboxc: error: nope") && r.err().contains(": no such file or folder"), r.err());
            assertFalse(r.err().contains("sandboxc.json"), r.err());
        }
    }

    private static void add(List<List<String>> commands, List<String> what, String... args) {
        commands.add(List.of(args));
        what.add(String.join(" ", args));
    }

    private static Path project(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("agent.sandbox"), AGENT);
        for (int i = 0; i < 4; i++) Files.writeString(dir.resolve("messy-" + i + ".sandbox"), MESSY);
        return dir;
    }

    /** The flake: every file but the .sandbox sources and the subfolder. */
    private static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.endsWith(".sandbox")) m.put(rel, Files.readAllBytes(p));
            }
        }
        return m;
    }
}
