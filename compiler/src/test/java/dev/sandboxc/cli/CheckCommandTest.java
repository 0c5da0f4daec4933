package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sandboxc check DIR`: up to date, edited by hand, stale source, missing files, no manifest. */
class CheckCommandTest {
    @TempDir
    Path tmp;

    Path compiled() throws IOException {
        Path src = tmp.resolve("a.sandbox");
        Files.writeString(src, "sandbox a {\n  agent aider { }\n}\n");
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.run("compile", "-q", src.toString(), "-o", out.toString()).status());
        return out;
    }

    @Test
    void aFreshFlakeIsUpToDate() throws IOException {
        Path out = compiled();
        CliTest.Run r = CliTest.run("check", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("up to date"), r.out());
    }

    @Test
    void aHandEditIsFound() throws IOException {
        Path out = compiled();
        Files.writeString(out.resolve("nix/a.nix"), "\n# tweak\n", java.nio.file.StandardOpenOption.APPEND);
        CliTest.Run r = CliTest.run("check", out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("nix/a.nix was edited by hand"), r.err());
    }

    @Test
    void aChangedSourceMakesItStale() throws IOException {
        Path out = compiled();
        Files.writeString(tmp.resolve("a.sandbox"), "sandbox a {\n  agent codex { }\n}\n");
        CliTest.Run r = CliTest.run("check", out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("a.sandbox changed since it was compiled") && r.err().contains("compile again"), r.err());
        Files.delete(tmp.resolve("a.sandbox"));
        assertTrue(CliTest.run("check", out.toString()).err().contains("cannot be read"));
    }

    @Test
    void aMissingFileIsFound() throws IOException {
        Path out = compiled();
        Files.delete(out.resolve("flake.nix"));
        CliTest.Run r = CliTest.run("check", out.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("flake.nix is missing"), r.err());
    }

    @Test
    void aSandboxFileStandsForTheFlakeNextToIt() throws IOException {
        Path src = tmp.resolve("a.sandbox");
        Files.writeString(src, "sandbox a {\n  agent aider { }\n}\n");
        // Not compiled yet: the hook fails and says how to fix it.
        CliTest.Run none = CliTest.run("check", src.toString());
        assertEquals(1, none.status());
        assertTrue(none.err().contains("has no flake next to it") && none.err().contains("hint: compile it"), none.err());

        assertEquals(0, CliTest.run("compile", "-q", src.toString()).status());
        CliTest.Run fresh = CliTest.run("check", src.toString());
        assertEquals(0, fresh.status(), fresh.err());
        assertEquals("the flake of " + src + ": up to date\n", fresh.out());

        Files.writeString(src, "sandbox a {\n  agent codex { }\n}\n");
        CliTest.Run stale = CliTest.run("check", src.toString());
        assertEquals(1, stale.status());
        assertTrue(stale.err().contains("a.sandbox changed since it was compiled")
                && stale.err().contains("compile again: sandboxc compile " + src), stale.err());

        // Another file in the same folder: the flake there is not its own.
        Path other = tmp.resolve("b.sandbox");
        Files.writeString(other, "sandbox b {\n  agent aider { }\n}\n");
        CliTest.Run foreign = CliTest.run("check", other.toString());
        assertEquals(1, foreign.status());
        assertTrue(foreign.err().contains("was compiled from a.sandbox, not from it"), foreign.err());
    }

    @Test
    void aFolderWithoutManifestIsAUsageError() throws IOException {
        assertEquals(2, CliTest.run("check", tmp.toString()).status());
        Files.writeString(tmp.resolve("sandboxc.json"), "{\"generator\":\"someone else\"}");
        CliTest.Run r = CliTest.run("check", tmp.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("not a generated flake"), r.err());
    }
}
