package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, loaded by the real shells and asked what they complete. */
class CompletionTest {
    @TempDir
    Path tmp;

    /** CI (SANDBOXC_REQUIRE_NIX=1) installs bash, zsh and fish; elsewhere a missing shell skips its test. */
    static void assumeShell(String shell) {
        boolean have = TestSupport.commandAvailable(shell);
        if (!have && "1".equals(System.getenv("SANDBOXC_REQUIRE_NIX"))) throw new AssertionError(shell + " is not installed");
        Assumptions.assumeTrue(have, shell + " is not installed");
    }

    Path script(String shell) throws IOException {
        CliTest.Run r = CliTest.run("completion", shell);
        assertEquals(0, r.status(), r.err());
        Path p = tmp.resolve("sandboxc." + shell);
        Files.writeString(p, r.out());
        return p;
    }

    /** What bash completes for the words, the last one being completed. */
    List<String> bash(Path script, String... words) throws IOException {
        String line = String.join(" ", words);
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append('\'').append(w).append("' ");
        String cmd = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_sandboxc; printf '%s\\n' \"${COMPREPLY[@]}\"";
        TestSupport.Exec e = TestSupport.exec(tmp, "bash", "-c", cmd);
        assertEquals(0, e.status(), e.stderr());
        return e.stdout().lines().map(String::strip).toList();
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws IOException {
        assumeShell("bash");
        Path s = script("bash");
        assertTrue(bash(s, "sandboxc", "com").containsAll(List.of("compile", "completion")), bash(s, "sandboxc", "com").toString());
        assertTrue(bash(s, "sandboxc", "").containsAll(List.of("init", "lint", "fmt", "check", "rules", "explain")));
        assertTrue(bash(s, "sandboxc", "lint", "--fa").contains("--fail-on"));
        assertEquals(List.of("json"), bash(s, "sandboxc", "lint", "--format", "js"));
        assertTrue(bash(s, "sandboxc", "compile", "--fail-on", "").containsAll(List.of("critical", "high", "medium", "low", "info")));
        assertEquals(List.of("claude-code", "codex"), bash(s, "sandboxc", "init", "--agent", "c").stream().sorted().toList());
    }

    @Test
    void zshLoadsTheScript() throws IOException {
        assumeShell("zsh");
        Path s = script("zsh");
        TestSupport.Exec e = TestSupport.exec(tmp, "zsh", "-c", "source '" + s + "' && print -r -- ${_comps[sandboxc]}");
        assertEquals(0, e.status(), e.stderr());
        assertTrue(e.stdout().contains("_complete_sandboxc"), e.stdout() + e.stderr());
        assertEquals("", e.stderr().strip());
    }

    /** What fish completes for a command line (its own `complete -C`). */
    List<String> fish(Path script, String line) throws IOException {
        TestSupport.Exec e = TestSupport.exec(tmp, "fish", "--no-config", "-c", "source '" + script + "'; complete -C '" + line + "'");
        assertEquals(0, e.status(), e.stderr());
        assertEquals("", e.stderr());
        return e.stdout().lines().map(l -> l.split("\t")[0]).toList();
    }

    @Test
    void fishCompletesCommandsOptionsAndValues() throws IOException {
        assumeShell("fish");
        Path s = script("fish");
        assertTrue(fish(s, "sandboxc com").containsAll(List.of("compile", "completion")), fish(s, "sandboxc com").toString());
        assertTrue(fish(s, "sandboxc lint --fa").contains("--fail-on"), fish(s, "sandboxc lint --fa").toString());
        assertEquals(List.of("json"), fish(s, "sandboxc lint --format js"));
        assertEquals(List.of("claude-code", "codex"), fish(s, "sandboxc init --agent c").stream().sorted().toList());
        assertTrue(fish(s, "sandboxc help ").containsAll(List.of("compile", "lint")), fish(s, "sandboxc help ").toString());
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CliTest.Run r = CliTest.run("completion", "tcsh");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("sandboxc: error: invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh, fish]"), r.err());
    }
}
