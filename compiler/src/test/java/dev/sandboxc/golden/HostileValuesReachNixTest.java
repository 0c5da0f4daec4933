package dev.sandboxc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.emit.GeneratedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: golden-tests/hostile-strings compiles, and the generated guest module,
 * evaluated by Nix, holds exactly the values the .sandbox file wrote.
 */
class HostileValuesReachNixTest {

    @TempDir
    Path tmp;

    @Test
    void generatedModuleEvaluatesToTheWrittenValues() throws Exception {
        TestSupport.assumeNix();
        Path input = GoldenTest.GOLDEN.resolve("hostile-strings/input.sandbox");
        Frontend.Result result = Frontend.analyze(TestSupport.source(input, "input.sandbox"));
        assertEquals(true, result.ok(), TestSupport.render(result));
        for (GeneratedFile f : TestSupport.emit(result, tmp)) {
            Path p = tmp.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.write(p, f.content());
        }
        // Call the module with stand-ins for lib and pkgs; only the strings are forced.
        String expr = "let m = import ./nix/hostile.nix { lib = { }; pkgs = { }; config = { }; };"
                + " in { inherit (m.sandboxc.user) gitName gitEmail; args = m.sandboxc.agents.aider.args; }";
        TestSupport.Exec r = TestSupport.exec(tmp, "nix-instantiate", "--eval", "--strict", "--json", "-E", expr);
        assertEquals(0, r.status(), r.stderr());
        JsonNode got = new ObjectMapper().readTree(r.stdout());

        var sandbox = result.sandboxes().get(0);
        assertEquals("Robert'); ${builtins.abort \"x\"} `id` $(rm -rf ~) '' \" \\ \uD83D\uDE00", got.get("gitName").asText());
        assertEquals(sandbox.user().gitName().orElseThrow().value(), got.get("gitName").asText());
        assertEquals("o'hara+${x}@example.org", got.get("gitEmail").asText());
        List<String> args = new ArrayList<>();
        got.get("args").forEach(n -> args.add(n.asText()));
        assertEquals(List.of("--model", "x'; rm -rf / #", "${HOME}", "-"), args);
    }
}
