package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxc.TestSupport;
import dev.sandboxc.policy.rules.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sandboxc lint`, `rules`, `explain`, and the policy inside `compile`: exit codes and outputs. */
class LintCliTest {

    @TempDir
    Path tmp;

    static final String CLEAN = "sandbox a {\n  agent aider { }\n}\n";
    static final String HIGH = "sandbox a {\n  user agent { initial-password = \"x\" }\n}\n";
    static final String CRITICAL = "sandbox a {\n  share h {\n    source = \"/etc\"\n    mount = /h\n  }\n"
            + "  share s {\n    source = \"/run/secrets/x\"\n    mount = /s\n    access = read-write\n  }\n}\n";
    static final String BROKEN = "sandbox a {\n  memory = = 3\n}\n";

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static CliTest.Run run(String... args) { return CliTest.run(args); }

    @Test
    void exitCodesFollowTheThreshold() throws IOException {
        assertEquals(0, run("lint", write("clean.sandbox", CLEAN).toString()).status());
        Path high = write("high.sandbox", HIGH);
        CliTest.Run r = run("lint", high.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains(":2:35: HIGH SBX-SECRET-005 "), r.out());
        assertTrue(r.out().contains("  = fix: "), r.out());
        assertEquals(0, run("lint", "--fail-on", "critical", high.toString()).status());
        assertEquals(1, run("lint", "--fail-on", "medium", high.toString()).status());
    }

    @Test
    void aBrokenFileIsExitTwoInEveryFormat() throws IOException {
        Path bad = write("bad.sandbox", BROKEN);
        Path json = tmp.resolve("out/r.json");
        Path sarif = tmp.resolve("out/r.sarif");
        CliTest.Run r = run("lint", "--format", "text", "--format", "json", "--output", json.toString(),
                "--format", "sarif", "--output", sarif.toString(), bad.toString(), write("clean.sandbox", CLEAN).toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("error[E010]") || r.out().contains("error[E"), r.out());
        assertTrue(r.out().contains("not linted"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("exitCode").asInt());
        assertTrue(j.toString().contains("E0"), j.toString());
        JsonNode s = new ObjectMapper().readTree(sarif.toFile());
        assertFalse(s.at("/runs/0/invocations/0/executionSuccessful").asBoolean(true));
    }

    @Test
    void directoriesAreWalkedForSandboxFiles() throws IOException {
        write("proj/a.sandbox", CLEAN);
        write("proj/sub/b.sandbox", HIGH);
        write("proj/.hidden/c.sandbox", BROKEN);
        write("proj/notes.txt", "not a sandbox");
        CliTest.Run r = run("lint", "--format", "json", tmp.resolve("proj").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("files").size(), r.out());
    }

    @Test
    void configChangesSeverityAndExemptsCriticals() throws IOException {
        Path dir = tmp.resolve("cfg");
        Path file = write("cfg/c.sandbox", CRITICAL);
        CliTest.Run before = run("lint", file.toString());
        assertEquals(1, before.status());
        assertTrue(before.out().contains("CRITICAL SBX-SECRET-006"), before.out());
        write("cfg/.sandboxc.yaml", """
                rules:
                  SBX-SHARE-003: off
                exemptions:
                  - rule: SBX-SECRET-006
                    path: c.sandbox
                    statement: "test fixture"
                    owner: "tests"
                    expires: 2999-01-01
                """);
        CliTest.Run after = run("lint", file.toString());
        assertEquals(0, after.status(), after.out());
        assertTrue(after.out().contains("[suppressed]") && after.out().contains("owner tests"), after.out());
        assertFalse(after.out().contains("SBX-SHARE-003"), after.out());
        assertTrue(Files.exists(dir));
    }

    @Test
    void aBadConfigIsExitTwoWithItsPosition() throws IOException {
        Path file = write("bc/c.sandbox", CLEAN);
        write("bc/.sandboxc.yaml", "rules:\n  SBX-NOPE-001: off\n");
        CliTest.Run r = run("lint", file.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains(".sandboxc.yaml:2:") && r.err().contains("unknown rule"), r.err());
        write("bc/.sandboxc.yaml", "exemptions:\n  - rule: SBX-SHARE-001\n    owner: me\n");
        CliTest.Run r2 = run("lint", file.toString());
        assertEquals(2, r2.status());
        assertTrue(r2.err().contains("needs statement"), r2.err());
    }

    /** A config that cannot be read stops lint and compile with its message, before anything else is reported. */
    @Test
    void aConfigThatCannotBeReadStopsLintAndCompile() throws IOException {
        Path file = write("yb/c.sandbox", CLEAN);
        Path broken = write("yb/.sandboxc.yaml", "rules: [\n");
        for (String[] args : List.of(new String[] {"lint", file.toString()},
                new String[] {"compile", file.toString(), "-o", tmp.resolve("never").toString()},
                new String[] {"lint", "--config", tmp.resolve("missing.yaml").toString(), file.toString()},
                new String[] {"compile", "--config", broken.toString(), file.toString(), file.toString()})) {
            CliTest.Run r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals("", r.out(), String.join(" ", args));
            assertTrue(r.err().contains("not valid YAML") || r.err().contains("cannot read the config"), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void inlineSuppressionCannotSilenceACritical() throws IOException {
        Path file = write("inl.sandbox", "sandbox a {\n  share h {\n    # sandboxc:ignore SBX-SHARE-001 reason=\"no\"\n"
                + "    source = \"~\"\n    mount = /h\n  }\n}\n");
        CliTest.Run r = run("lint", file.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("SBX-META-004"), r.out());
        assertTrue(r.out().contains("CRITICAL SBX-SHARE-001 share h exposes a home folder") && !r.out().contains("home folder: every credential and project of the user [suppressed]"), r.out());
    }

    @Test
    void compileStopsOnCriticalFindingsAndWritesNothing() throws IOException {
        Path file = write("cc/c.sandbox", CRITICAL);
        Path out = tmp.resolve("cc/out");
        CliTest.Run r = run("compile", file.toString(), "-o", out.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("CRITICAL SBX-SECRET-006") && r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(2, run("compile", file.toString(), "-o", out.toString(), "--fail-on", "severe").status());
        write("cc/.sandboxc.yaml", "exemptions:\n"
                + "  - { rule: SBX-SECRET-006, statement: fixture, owner: tests, expires: 2999-01-01 }\n");
        // The high finding left stops compile where it stops lint: one threshold for both.
        CliTest.Run high = run("compile", file.toString(), "-o", out.toString());
        assertEquals(1, high.status(), high.err());
        assertTrue(high.err().contains("1 policy finding at or above high, where lint fails too; nothing was written"), high.err());
        assertEquals(1, run("lint", file.toString()).status());
        CliTest.Run exempted = run("compile", file.toString(), "-o", out.toString(), "--fail-on", "critical");
        assertEquals(0, exempted.status(), exempted.err());
        assertTrue(exempted.err().contains("HIGH SBX-SHARE-003") && !exempted.err().contains("SBX-SECRET-006"),
                "compile prints what still stands, not what was exempted: " + exempted.err());
        assertTrue(Files.exists(out.resolve("flake.nix")));
        // A config's fail-on is compile's too.
        write("cc/.sandboxc.yaml", "fail-on: critical\nexemptions:\n"
                + "  - { rule: SBX-SECRET-006, statement: fixture, owner: tests, expires: 2999-01-01 }\n");
        assertEquals(0, run("compile", "-q", file.toString(), "-o", out.toString()).status());
        assertEquals(0, run("lint", file.toString()).status());
    }

    @Test
    void compileCheckTellsAStaleFlake() throws IOException {
        Path file = write("ck/a.sandbox", CLEAN);
        Path out = tmp.resolve("ck/out");
        assertEquals(1, run("compile", "--check", file.toString(), "-o", out.toString()).status());
        assertEquals(0, run("compile", "-q", file.toString(), "-o", out.toString()).status());
        assertEquals(0, run("compile", "--check", file.toString(), "-o", out.toString()).status());
        Files.writeString(file, CLEAN.replace("aider", "codex"));
        CliTest.Run r = run("compile", "--check", file.toString(), "-o", out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("is stale"), r.err());
    }

    @Test
    void rulesAndExplain() throws IOException {
        CliTest.Run rules = run("rules");
        assertEquals(0, rules.status());
        assertEquals(Catalog.all().size(), rules.out().lines().count());
        for (String id : Catalog.ids()) {
            CliTest.Run e = run("explain", id.toLowerCase(java.util.Locale.ROOT));
            assertEquals(0, e.status(), id);
            assertTrue(e.out().startsWith(id), id);
        }
        CliTest.Run unknown = run("explain", "SBX-SHARE-01");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("did you mean SBX-SHARE-001"), unknown.err());
        Path docs = tmp.resolve("docs");
        assertEquals(0, run("rules", "--docs", docs.toString()).status());
        try (Stream<Path> s = Files.list(docs)) {
            assertEquals(Catalog.all().size() + 1, s.count());
        }
    }

    @Test
    void usageErrorsAreExitTwo() throws IOException {
        Path file = write("u.sandbox", CLEAN);
        assertEquals(2, run("lint", "--format", "yaml", file.toString()).status());
        assertEquals(2, run("lint", "--fail-on", "severe", file.toString()).status());
        assertEquals(2, run("lint", "--format", "json", "--format", "text", file.toString()).status());
        assertEquals(2, run("lint", tmp.resolve("missing.sandbox").toString()).status());
    }

    @Test
    void examplesLintAsDocumented() {
        CliTest.Run r = run("lint", TestSupport.root().resolve("examples").toString());
        // seed-as-written.sandbox carries the seed's flaws on purpose; every other example is clean.
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().lines().filter(l -> l.matches(".*: (HIGH|CRITICAL) SBX-.*") && !l.endsWith("[suppressed]"))
                .allMatch(l -> l.contains("seed-as-written.sandbox")), r.out());
    }
}
