package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The hooks in .pre-commit-hooks.yaml, run as pre-commit runs them: entry, then the staged .sandbox files. */
class PreCommitHooksTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> hooks() throws IOException {
        return new Yaml(new LoaderOptions()).load(Files.readString(Path.of("..", ".pre-commit-hooks.yaml")));
    }

    static CliTest.Run runHook(Map<String, Object> hook, Path... files) {
        List<String> words = new ArrayList<>(Arrays.asList(((String) hook.get("entry")).split(" ")));
        assertEquals("sandboxc", words.remove(0), "hooks run the launcher at the hook repository's root");
        assertEquals("script", hook.get("language"), "language: script runs the entry from the hook repository, not the PATH");
        for (Path f : files) words.add(f.toString());
        return CliTest.run(words.toArray(String[]::new));
    }

    @Test
    void everyHookPassesAGoodFileAndFailsABadOne() throws IOException {
        List<Map<String, Object>> hooks = hooks();
        assertEquals(List.of("sandboxc-lint", "sandboxc-fmt", "sandboxc-flake-up-to-date"), hooks.stream().map(h -> h.get("id")).toList());
        Path good = tmp.resolve("good.sandbox");
        Files.writeString(good, "sandbox good {\n  agent aider { }\n}\n");
        assertEquals(0, CliTest.run("compile", "-q", good.toString()).status());
        for (Map<String, Object> hook : hooks) {
            assertEquals("\\.sandbox$", hook.get("files"), hook.get("id") + " runs on .sandbox files");
            CliTest.Run r = runHook(hook, good);
            assertEquals(0, r.status(), hook.get("id") + ": " + r.err());
        }
        // Each hook's own failure: a finding, a file out of layout, a flake gone stale.
        Map<String, String> bad = Map.of(
                "sandboxc-lint", "sandbox bad {\n  agent aider { }\n  share home {\n    source = \"~\"\n    mount = /workspace\n    access = read-write\n  }\n}\n",
                "sandboxc-fmt", "sandbox bad {   agent aider { } }\n",
                "sandboxc-flake-up-to-date", "sandbox good {\n  agent codex { }\n}\n");
        for (Map<String, Object> hook : hooks) {
            String id = (String) hook.get("id");
            Path file = id.equals("sandboxc-flake-up-to-date") ? good : tmp.resolve(id + ".sandbox");
            Files.writeString(file, bad.get(id));
            CliTest.Run r = runHook(hook, file);
            // Exit 1: the file was read and judged, not refused as unreadable (exit 2).
            assertEquals(1, r.status(), id + ": " + r.out() + r.err());
            String expected = switch (id) {
                case "sandboxc-lint" -> "SBX-SHARE-001";
                case "sandboxc-fmt" -> "not formatted";
                default -> "changed since it was compiled";
            };
            assertTrue((r.out() + r.err()).contains(expected), id + ": " + r.out() + r.err());
        }
    }
}
