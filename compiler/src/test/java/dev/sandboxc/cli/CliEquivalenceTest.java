package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * PlainArgs reads the common command lines without picocli; it must read them exactly
 * as picocli does, and leave everything else to picocli.
 */
class CliEquivalenceTest {

    @TempDir
    Path tmp;

    static Stream<List<String>> plain() {
        return Stream.of(
                List.of("lint", "a.sandbox"),
                List.of("lint", "a.sandbox", "dir/", "b.sandbox"),
                List.of("lint", "--format", "json", "a.sandbox"),
                List.of("lint", "--format=json", "a.sandbox"),
                List.of("lint", "-f", "sarif", "-o", "x.sarif", "-f", "text", "a.sandbox"),
                List.of("lint", "--format", "text", "--format", "json", "--output", "x.json", "a.sandbox"),
                List.of("lint", "a.sandbox", "--format", "sarif", "--output=x.sarif", "--fail-on", "MEDIUM"),
                List.of("lint", "--fail-on=low", "--config", "c.yaml", "a.sandbox"),
                List.of("lint", "--suppressed", "summary", "a.sandbox"),
                List.of("lint", "--suppressed=list", "--format", "github", "a.sandbox"),
                List.of("lint", "--format", "yaml", "a.sandbox"),
                List.of("compile", "a.sandbox"),
                List.of("compile", "-q", "--force", "a.sandbox", "-o", "out/a"),
                List.of("compile", "--check", "a.sandbox", "--output=out", "--fail-on", "high"),
                List.of("compile", "--quiet", "--config=c.yaml", "a.sandbox", "b.sandbox"),
                List.of("compile", "a.sandbox", "b.sandbox", "-o", "out"),
                List.of("check", "out/a"),
                List.of("check", "out/a", "out/b"));
    }

    static Stream<List<String>> notPlain() {
        return Stream.of(
                List.of(), List.of("lint"), List.of("compile"), List.of("--version"), List.of("--help"),
                List.of("help", "lint"), List.of("rules"), List.of("explain", "SBX-NET-001"),
                List.of("lint", "--help", "a.sandbox"), List.of("lint", "-h"), List.of("compile", "-V", "a.sandbox"),
                List.of("lint", "--", "a.sandbox"), List.of("lint", "@args.txt"), List.of("lint", ""),
                List.of("lint", "-fjson", "a.sandbox"), List.of("compile", "-qo", "out", "a.sandbox"),
                List.of("lint", "--format"), List.of("lint", "a.sandbox", "--format", "--output"),
                List.of("lint", "--output", "x.json", "a.sandbox"),
                List.of("lint", "-f", "json", "a.sandbox", "-o", "x.json"),
                List.of("lint", "-f", "json", "-o", "x.json", "-o", "y.json", "a.sandbox"),
                List.of("lint", "--fail-on", "severe", "a.sandbox"), List.of("lint", "--fail-on", "high", "--fail-on", "low", "a"),
                List.of("lint", "--config", "a", "--config", "b", "x"), List.of("lint", "--frobnicate", "a.sandbox"),
                List.of("compile", "--force", "--force", "a.sandbox"), List.of("compile", "--force=true", "a.sandbox"),
                List.of("compile", "-o", "a", "-o", "b", "a.sandbox"), List.of("compile", "-o", "-x", "a.sandbox"),
                List.of("compile", "--format", "json", "a.sandbox"), List.of("check", "--force", "out"),
                List.of("check", "-"), List.of("lint", "a\0b.sandbox"));
    }

    @ParameterizedTest
    @MethodSource("plain")
    void readsWhatPicocliReads(List<String> args) {
        String[] a = args.toArray(String[]::new);
        PlainArgs.Command plain = PlainArgs.parse(a);
        assertNotNull(plain, "PlainArgs should take " + args);
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(a);
        Object picocli = parsed.subcommand().commandSpec().userObject();
        assertEquals(fields(picocli), fields(plain), String.join(" ", args));
    }

    @ParameterizedTest
    @MethodSource("notPlain")
    void leavesTheRestToPicocli(List<String> args) {
        assertNull(PlainArgs.parse(args.toArray(String[]::new)), "PlainArgs should leave " + args + " to picocli");
    }

    /** Both paths give the same status and the same bytes on stdout and stderr. */
    @Test
    void runsAsPicocliRuns() throws IOException {
        Path agent = TestSupport.root().resolve("examples/agent.sandbox");
        Path seed = TestSupport.root().resolve("examples/seed-as-written.sandbox");
        Path broken = tmp.resolve("broken.sandbox");
        Files.writeString(broken, "sandbox a {\n  memory = = 3\n}\n");
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.run("compile", "-q", agent.toString(), "-o", out.toString()).status());
        List<List<String>> cases = List.of(
                List.of("lint", agent.toString()),
                List.of("lint", "--format", "json", agent.toString(), seed.toString()),
                List.of("lint", "--format", "sarif", seed.toString(), "--fail-on", "critical"),
                List.of("lint", "--format", "yaml", agent.toString()),
                List.of("lint", "--format", "json", "--format", "text", agent.toString()),
                List.of("lint", broken.toString(), tmp.resolve("missing.sandbox").toString()),
                List.of("compile", "--check", agent.toString(), "-o", out.toString()),
                List.of("compile", broken.toString(), "-o", tmp.resolve("never").toString()),
                List.of("compile", agent.toString(), seed.toString(), "-o", out.toString()),
                List.of("check", out.toString(), tmp.toString()));
        for (List<String> c : cases) {
            String[] a = c.toArray(String[]::new);
            assertNotNull(PlainArgs.parse(a), "PlainArgs should take " + c);
            StringWriter plainOut = new StringWriter();
            StringWriter plainErr = new StringWriter();
            int plainStatus = Main.run(a, new PrintWriter(plainOut, true), new PrintWriter(plainErr, true));
            StringWriter picoOut = new StringWriter();
            StringWriter picoErr = new StringWriter();
            int picoStatus = ViaPicocli.run(a, new PrintWriter(picoOut, true), new PrintWriter(picoErr, true));
            String what = String.join(" ", c);
            assertEquals(picoStatus, plainStatus, what);
            assertEquals(picoOut.toString(), plainOut.toString(), what);
            assertEquals(picoErr.toString(), plainErr.toString(), what);
        }
    }

    private static List<Object> fields(Object command) {
        List<Object> f = new ArrayList<>();
        f.add(command.getClass());
        if (command instanceof LintCommand c) {
            f.add(c.paths);
            for (LintCommand.Output o : c.outputs) f.add(List.of(o.format, String.valueOf(o.output)));
            f.add(c.failOn);
            f.add(c.config);
            f.add(c.suppressed);
        } else if (command instanceof CompileCommand c) {
            f.addAll(java.util.Arrays.asList(c.files, c.output, c.force, c.check, c.quiet, c.failOn, c.config));
        } else if (command instanceof CheckCommand c) {
            f.add(c.dirs);
        }
        return f;
    }
}
