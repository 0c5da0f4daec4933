package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.model.AgentKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sandboxc init: for every agent and every kind of origin, a file that compiles, lints clean and is formatted. */
class InitCommandTest {
    @TempDir
    Path tmp;

    static final List<String> ORIGINS = Arrays.asList("https://github.com/acme/widgets.git", "git@gitlab.com:acme/widgets.git",
            "ssh://git@git.example.org:2222/acme/widgets", "/srv/git/widgets.git", "http://10.0.0.5/widgets.git", null);

    Path repo(String origin) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "repo");
        assertEquals(0, TestSupport.exec(dir, "git", "init", "-q").status());
        if (origin != null) assertEquals(0, TestSupport.exec(dir, "git", "remote", "add", "origin", origin).status());
        return dir;
    }

    @Test
    void everyAgentAndOriginGivesAFileThatCompilesAndLintsClean() throws Exception {
        // A JVM in a real repository per agent, each with another kind of origin (a JVM each is slow);
        // every agent with every origin in-process below.
        for (int i = 0; i < AgentKind.ALL.size(); i++) {
            AgentKind kind = AgentKind.ALL.get(i);
            {
                String origin = ORIGINS.get(i % ORIGINS.size());
                Path dir = repo(origin);
                String label = kind.id() + " with origin " + origin;
                List<RunInFolder.Result> r = RunInFolder.run(dir, List.of(
                        List.of("init", "--agent", kind.id()),
                        List.of("lint", "agent.sandbox"),
                        List.of("fmt", "--check", "agent.sandbox"),
                        List.of("compile", "agent.sandbox"),
                        List.of("init", "--agent", kind.id())));
                assertEquals(0, r.get(0).status(), label + r.get(0).err());
                String text = Files.readString(dir.resolve("agent.sandbox"));
                assertFalse(text.contains("sandboxc:ignore"), label + ": no suppression\n" + text);
                assertEquals(0, r.get(1).status(), label + ": lint\n" + r.get(1).out());
                assertTrue(r.get(1).out().endsWith("none at or above high\n"), r.get(1).out());
                assertEquals(0, r.get(2).status(), label + ": fmt --check\n" + r.get(2).out());
                assertEquals(0, r.get(3).status(), label + ": compile\n" + r.get(3).err());
                for (String domain : kind.domains()) assertTrue(text.contains("\"" + domain + "\""), label + "\n" + text);
                assertTrue(text.contains("from = env \"" + kind.apiKeyEnv() + "\""), text);
                String host = origin == null ? null : InitCommand.hostOf(origin);
                if (host != null) assertTrue(text.contains("\"" + host + ":443\""), label + "\n" + text);
                // The outbox exists and ignores itself; the project is read-only.
                assertTrue(Files.isRegularFile(dir.resolve(".sandbox-outbox/.gitignore")));
                assertEquals(1, text.split("access = read-write", -1).length - 1, text);
                // Never over an existing file.
                assertEquals(1, r.get(4).status());
                assertTrue(r.get(4).err().contains("agent.sandbox exists; init never overwrites a file"), r.get(4).err());
                assertEquals(text, Files.readString(dir.resolve("agent.sandbox")));
            }
        }
    }

    @Test
    void everyAgentWithEveryOriginLintsCleanAndCompiles() throws IOException {
        for (AgentKind kind : AgentKind.ALL) {
            for (String origin : ORIGINS) {
                Path f = Files.createTempDirectory(tmp, "t").resolve("agent.sandbox");
                Files.writeString(f, InitCommand.template(kind, "agent", origin == null ? null : InitCommand.hostOf(origin)));
                String label = kind.id() + " with origin " + origin;
                CliTest.Run lint = CliTest.run("lint", f.toString());
                assertEquals(0, lint.status(), label + "\n" + lint.out());
                CliTest.Run compile = CliTest.run("compile", "-q", f.toString());
                assertEquals(0, compile.status(), label + "\n" + compile.err());
            }
        }
    }

    @Test
    void theGitHostOfAnOrigin() {
        assertEquals("github.com", InitCommand.hostOf("https://github.com/acme/widgets.git"));
        assertEquals("github.com", InitCommand.hostOf("https://user:token@github.com/acme/widgets"));
        assertEquals("gitlab.com", InitCommand.hostOf("git@gitlab.com:acme/widgets.git"));
        assertEquals("git.example.org", InitCommand.hostOf("ssh://git@git.example.org:2222/acme/widgets"));
        assertEquals("codeberg.org", InitCommand.hostOf("Codeberg.org:acme/widgets"));
        assertNull(InitCommand.hostOf("/srv/git/widgets.git"));
        assertNull(InitCommand.hostOf("../widgets"));
        assertNull(InitCommand.hostOf("file:///srv/git/widgets.git"));
        assertNull(InitCommand.hostOf("http://10.0.0.5/widgets.git"));
        assertNull(InitCommand.hostOf("https://localhost/widgets.git"));
    }

    @Test
    void aNameAndAFileOfItsOwn() throws Exception {
        Path dir = repo("https://github.com/acme/widgets.git");
        List<RunInFolder.Result> r = RunInFolder.run(dir, List.of(
                List.of("init", "--agent", "codex", "--name", "reviewer"),
                List.of("init", "--agent", "aider", "sandboxes/pair.sandbox"),
                List.of("init", "--agent", "claud"),
                List.of("init", "--agent", "gemini"),
                List.of("init", "--agent", "codex", "--name", "Bad Name"),
                List.of("init")));
        assertEquals(0, r.get(0).status(), r.get(0).err());
        assertTrue(Files.readString(dir.resolve("reviewer.sandbox")).contains("sandbox reviewer {"));
        assertEquals(0, r.get(1).status(), r.get(1).err());
        assertTrue(Files.isRegularFile(dir.resolve("sandboxes/pair.sandbox")));
        assertTrue(Files.isDirectory(dir.resolve("sandboxes/.sandbox-outbox")), "the outbox is beside the file");
        assertTrue(r.get(2).err().contains("did you mean 'claude-code'?"), r.get(2).err());
        assertTrue(r.get(3).err().contains("did you mean 'gemini-cli'?"), r.get(3).err());
        for (int i = 2; i < 6; i++) assertEquals(2, r.get(i).status(), r.get(i).err());
        assertTrue(r.get(5).err().contains("missing required option: '--agent=KIND'"), r.get(5).err());
    }
}
