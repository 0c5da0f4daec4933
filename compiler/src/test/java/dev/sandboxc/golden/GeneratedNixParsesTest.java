package dev.sandboxc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.emit.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every .nix file sandboxc generates, for every example and every golden case that
 * compiles, is parsed by the real Nix parser; every shell script passes shellcheck.
 */
class GeneratedNixParsesTest {

    @TempDir
    Path tmp;

    static List<Path> inputs() throws IOException {
        List<Path> all = new ArrayList<>(GoldenTest.examples());
        for (Path dir : GoldenTest.cases()) all.add(dir.resolve("input.sandbox"));
        return all;
    }

    private List<Path> writeFlake(Path input) throws IOException {
        Frontend.Result result = Frontend.analyze(TestSupport.source(input, input.getFileName().toString()));
        if (!result.ok()) return List.of();
        Path out = Files.createTempDirectory(tmp, "flake");
        List<Path> written = new ArrayList<>();
        for (GeneratedFile f : TestSupport.emit(result, out)) {
            Path p = out.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.write(p, f.content());
            written.add(p);
        }
        return written;
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedNixFileParses() throws IOException {
        TestSupport.assumeNix();
        return inputs().stream().map(input -> DynamicTest.dynamicTest(GoldenTest.ROOT.relativize(input).toString(), () -> {
            int parsed = 0;
            List<Path> files = writeFlake(input);
            for (Path p : files) {
                if (!p.toString().endsWith(".nix")) continue;
                TestSupport.Exec r = TestSupport.exec(p.getParent(), "nix-instantiate", "--parse", p.toString());
                assertEquals(0, r.status(), p + " does not parse:\n" + r.stderr());
                parsed++;
            }
            if (!files.isEmpty()) assertTrue(parsed >= 3, "expected flake.nix, a guest module and the lib; parsed " + parsed);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedShellScriptPassesShellcheck() throws IOException {
        boolean have = TestSupport.commandAvailable("shellcheck");
        if (!have && "1".equals(System.getenv("SANDBOXC_REQUIRE_NIX"))) {
            throw new AssertionError("SANDBOXC_REQUIRE_NIX=1 but shellcheck is not on PATH");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(have, "shellcheck is not installed");
        return GoldenTest.examples().stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> {
            for (Path p : writeFlake(input)) {
                if (!p.toString().endsWith(".sh")) continue;
                TestSupport.Exec r = TestSupport.exec(p.getParent(), "shellcheck", "--shell=bash", "--severity=style", p.toString());
                assertEquals(0, r.status(), p.getFileName() + " fails shellcheck:\n" + r.stdout());
            }
        }));
    }
}
