package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What confused a new user on a first try (issue 12), each as it was met. */
class NewUserConfusionsTest {
    @TempDir
    Path tmp;

    Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** "memory = 6" is 6 GiB, not 6 MiB; and the minimum in the message is the one enforced. */
    @Test
    void aSizeWithoutUnitGetsAHintThatCompiles() throws IOException {
        Path f = file("m.sandbox", "sandbox m {\n  agent aider { }\n  resources { memory = 6 }\n}\n");
        CliTest.Run r = CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("hint: write the number with a unit, for example 6 GiB"), r.err());
        Files.writeString(f, "sandbox m {\n  agent aider { }\n  resources { memory = 6 GiB }\n}\n");
        assertEquals(0, CliTest.run("compile", "-q", f.toString(), "-o", tmp.resolve("o").toString()).status());

        Files.writeString(f, "sandbox m {\n  agent aider { }\n  resources { memory = 255 MiB }\n}\n");
        r = CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString());
        assertTrue(r.err().contains("at least 256 MiB"), r.err());
        Files.writeString(f, "sandbox m {\n  agent aider { }\n  resources { memory = 256 MiB }\n}\n");
        r = CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString());
        assertFalse(r.err().contains("E203"), r.err());
    }

    /** A secret whose source is broken is still declared: its users get no "unknown secret" echo. */
    @Test
    void aBrokenSecretIsNotAlsoUnknown() throws IOException {
        for (String secret : List.of("secret key { from = \"KEY\" }", "secret key { from = env }", "secret key { }",
                "secret key { from = file 42 }")) {
            Path f = file("s.sandbox", "sandbox s {\n  agent aider { api-key = secret key }\n  " + secret + "\n}\n");
            CliTest.Run r = CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString());
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains("s.sandbox:3:"), r.err());
            assertFalse(r.err().contains("E301") || r.err().contains("unknown secret"), secret + ":\n" + r.err());
            assertTrue(r.err().contains("sandboxc: " + f + ": 1 error; nothing was written"), secret + ":\n" + r.err());
        }
    }

    /** The compiler's warnings are findings of lint, in every format, and obey suppressions and the config. */
    @Test
    void lintReportsCompilerWarnings() throws IOException {
        String text = "sandbox w {\n  agent aider { }\n  secret unused { from = env \"X\" }\n"
                + "  network {\n    allow   = [ \"github.com:443\" ]\n    forward = [ tcp 127.0.0.1:2222 -> 22 ]\n  }\n}\n";
        Path f = file("w.sandbox", text);
        CliTest.Run compile = CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString());
        assertTrue(compile.err().contains("warning[W301]") && compile.err().contains("warning[W303]"), compile.err());
        for (String format : List.of("text", "json", "sarif", "junit", "github")) {
            CliTest.Run r = CliTest.run("lint", "--format", format, f.toString());
            assertEquals(0, r.status(), format + ": low findings do not fail at high\n" + r.out());
            assertTrue(r.out().contains("W301") && r.out().contains("W303"), format + ":\n" + r.out());
            assertTrue(r.out().contains("never used"), format + ":\n" + r.out());
        }
        assertEquals(1, CliTest.run("lint", "--fail-on", "low", f.toString()).status());
        // Suppressed inline: lint lists it as suppressed, compile no longer warns.
        Files.writeString(f, text.replace("  secret unused", "  # sandboxc:ignore W301 reason=\"kept for the next agent\"\n  secret unused"));
        CliTest.Run lint = CliTest.run("lint", f.toString());
        assertTrue(lint.out().contains("W301 secret 'unused' is never used [suppressed]"), lint.out());
        compile = CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString());
        assertFalse(compile.err().contains("W301"), compile.err());
        assertTrue(compile.err().contains("warning[W303]"), compile.err());
        // Off in the config: neither says it.
        Files.writeString(tmp.resolve(".sandboxc.yaml"), "rules:\n  W303: off\n");
        assertFalse(CliTest.run("lint", f.toString()).out().contains("W303"));
        assertFalse(CliTest.run("compile", f.toString(), "-o", tmp.resolve("o").toString()).err().contains("W303"));
        assertTrue(CliTest.run("explain", "W301").out().startsWith("W301  low  Secret that no agent uses"));
    }

    /** A thousand files with a suppression each: one summary line per rule instead of six lines per finding. */
    @Test
    void suppressedFindingsCanBeSummarised() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 1000; i++) {
            Files.writeString(dir.resolve("s" + i + ".sandbox"), "sandbox s {\n  agent aider { }\n"
                    + "  # sandboxc:ignore SBX-RES-001 reason=\"defaults are fine here\"\n  resources { timeout = 30 min }\n}\n");
        }
        CliTest.Run listed = CliTest.run("lint", dir.toString());
        assertEquals(0, listed.status(), listed.out());
        assertTrue(listed.out().lines().count() > 5000, "listed: " + listed.out().lines().count());
        CliTest.Run summary = CliTest.run("lint", "--suppressed", "summary", dir.toString());
        assertEquals(0, summary.status());
        assertEquals(List.of("suppressed (--suppressed list shows each): SBX-RES-001 x1000",
                "sandboxc: 1000 files, 0 findings, 1000 suppressed; none at or above high"), summary.out().lines().toList());
        CliTest.Run github = CliTest.run("lint", "--format", "github", "--suppressed", "summary", dir.toString());
        assertEquals(1, github.out().lines().count(), github.out());
        CliTest.Run sarif = CliTest.run("lint", "--format", "sarif", "--suppressed", "summary", dir.toString());
        assertTrue(sarif.out().contains("\"suppressions\""), "machine formats keep every finding");
        assertEquals(2, CliTest.run("lint", "--suppressed", "none", dir.toString()).status());
    }

    @Test
    void anInvalidTodayIsAUsageError() throws Exception {
        assertEquals(LocalDate.of(2027, 1, 31), PolicyRunner.today("2027-01-31"));
        UsageException e = assertThrows(UsageException.class, () -> PolicyRunner.today("2026-13-01"));
        assertTrue(e.getMessage().contains("SANDBOXC_TODAY is '2026-13-01', not a date"), e.getMessage());
        assertThrows(UsageException.class, () -> PolicyRunner.today("tomorrow"));
        assertEquals(LocalDate.now(java.time.ZoneOffset.UTC), PolicyRunner.today(""));
    }

    /** In a real process, as CI sets it. */
    @Test
    void anInvalidTodayStopsLintAndCompile() throws Exception {
        Path f = file("a.sandbox", "sandbox a {\n  agent aider { }\n}\n");
        for (List<String> command : List.of(List.of("lint", f.toString()), List.of("compile", f.toString()))) {
            TestJvm.Result r = TestJvm.run(tmp, Map.of("SANDBOXC_TODAY", "2026-02-30"), command);
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().startsWith("sandboxc: error: SANDBOXC_TODAY is '2026-02-30', not a date"), r.err());
        }
    }

    @Test
    void colourOnlyWhereTheTerminalWantsIt() throws Exception {
        assertEquals(CommandLine.Help.Ansi.OFF, Terminal.ansi(Map.of("TERM", "dumb")));
        assertEquals(CommandLine.Help.Ansi.OFF, Terminal.ansi(Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertEquals(CommandLine.Help.Ansi.AUTO, Terminal.ansi(Map.of("TERM", "xterm", "NO_COLOR", "")));
        assertEquals(CommandLine.Help.Ansi.AUTO, Terminal.ansi(Map.of("TERM", "xterm-256color")));
        // CLICOLOR_FORCE makes picocli colour without a terminal: the test's stand-in for one.
        TestJvm.Result coloured = TestJvm.run(tmp, Map.of("TERM", "xterm", "CLICOLOR_FORCE", "1"), List.of("--help"));
        assertTrue(coloured.out().contains("\u001b["), "the stand-in colours: " + coloured.out());
        for (Map<String, String> env : List.of(Map.of("TERM", "dumb", "CLICOLOR_FORCE", "1"),
                Map.of("TERM", "xterm", "NO_COLOR", "1", "CLICOLOR_FORCE", "1"))) {
            TestJvm.Result r = TestJvm.run(tmp, env, List.of("--help"));
            assertEquals(0, r.status());
            assertFalse(r.out().contains("\u001b"), env + ": " + r.out());
            TestJvm.Result compileHelp = TestJvm.run(tmp, env, List.of("compile", "--help"));
            assertFalse(compileHelp.out().contains("\u001b"), env + ": " + compileHelp.out());
        }
    }

    @Test
    void aMistypedCommandGetsADidYouMean() {
        CliTest.Run r = CliTest.run("compiel", "agent.sandbox");
        assertEquals(2, r.status());
        assertEquals("sandboxc: error: unknown command 'compiel'\n  = hint: did you mean 'compile'?\ntry 'sandboxc --help'\n", r.err());
        r = CliTest.run("litn", "x");
        assertTrue(r.err().contains("did you mean 'lint'?"), r.err());
        r = CliTest.run("frobnicate");
        assertTrue(r.err().contains("unknown command 'frobnicate'") && r.err().contains("the commands are init, compile, lint"), r.err());
        r = CliTest.run("lint", "--fial-on", "low", "x.sandbox");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("did you mean '--fail-on'?"), r.err());
    }

    /** picocli's messages read like sandboxc's own: "sandboxc: error: ...", lower case, no "Error:" of its own. */
    @Test
    void usageErrorsHaveOneStyle() {
        for (String[] args : List.of(new String[] {"lint"}, new String[] {"compile", "--frobnicate", "x.sandbox"},
                new String[] {"lint", "--fail-on", "severe", "x.sandbox"}, new String[] {"lint", "--format", "json", "--format", "sarif", "x"})) {
            CliTest.Run r = CliTest.run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().startsWith("sandboxc: error: "), r.err());
            assertFalse(r.err().contains("Error:"), r.err());
            char first = r.err().charAt("sandboxc: error: ".length());
            assertFalse(Character.isUpperCase(first), r.err());
            assertTrue(r.err().endsWith("try 'sandboxc " + args[0] + " --help'\n"), r.err());
        }
    }

    /** -o without --format writes the default format (text) there. */
    @Test
    void lintOutputWithoutFormatIsText() throws IOException {
        Path f = file("a.sandbox", "sandbox a {\n  agent aider { }\n}\n");
        Path report = tmp.resolve("report.txt");
        CliTest.Run r = CliTest.run("lint", "-o", report.toString(), f.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(report).contains("sandboxc: 1 file, "), Files.readString(report));
    }

    /** The github format and SARIF name a file the same way, relative to where lint ran. */
    @Test
    void githubAndSarifNameFilesAlike() throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(sub.resolve("a.sandbox"), "sandbox a {\n  share h {\n    source = \"~\"\n    mount  = /h\n  }\n}\n");
        List<RunInFolder.Result> results = RunInFolder.run(tmp, List.of(
                List.of("lint", "--format", "github", "."), List.of("lint", "--format", "sarif", "."),
                List.of("lint", "--format", "github", "./sub/a.sandbox"), List.of("lint", "--format", "json", "./sub")));
        assertTrue(results.get(0).out().contains("file=sub/a.sandbox,"), results.get(0).out());
        assertTrue(results.get(1).out().contains("\"uri\" : \"sub/a.sandbox\"") || results.get(1).out().contains("\"uri\":\"sub/a.sandbox\""),
                results.get(1).out());
        assertTrue(results.get(2).out().contains("file=sub/a.sandbox,"), results.get(2).out());
        assertFalse(results.get(3).out().contains("./sub"), results.get(3).out());
    }

    /** Helper output must not hide a colour code in a file: nothing sandboxc writes carries one. */
    static boolean plain(byte[] bytes) {
        return !new String(bytes, StandardCharsets.UTF_8).contains("\u001b");
    }
}
