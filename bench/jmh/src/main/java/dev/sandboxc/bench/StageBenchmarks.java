package dev.sandboxc.bench;

import dev.sandboxc.Frontend;
import dev.sandboxc.check.Checker;
import dev.sandboxc.check.ModelBuilder;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.emit.FlakeEmitter;
import dev.sandboxc.emit.GeneratedFile;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.syntax.Ast;
import dev.sandboxc.syntax.SandboxParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compiler's stages on one example, each on its own, in a warm JVM: parse (text to
 * syntax tree), check (tree to checked model), policy (every rule), emit (the flake's
 * files in memory). What a cold start adds on top is bench/run's business.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xss4m"})
public class StageBenchmarks {

    @Param({"agent", "secrets-and-forwards"})
    public String example;

    private Source source;
    private Ast.Document document;
    private Frontend.Result checked;
    private Policy policy;
    private Path outDir;

    @Setup
    public void setUp() {
        // In-memory text (no path): the rules judge relative shares as if under /project.
        source = new Source(example + ".sandbox", null, read("examples/" + example + ".sandbox"));
        document = SandboxParser.parse(source, new Diagnostics());
        checked = Frontend.analyze(source);
        if (!checked.ok()) throw new IllegalStateException(example + " does not check: " + checked.diagnostics().sorted());
        policy = new Policy(PolicyConfig.defaults(), LocalDate.of(2026, 1, 1), Path.of("/home/bench"));
        outDir = Path.of("/tmp/sandboxc-bench-out");
    }

    @Benchmark
    public Ast.Document parse() {
        return SandboxParser.parse(source, new Diagnostics());
    }

    @Benchmark
    public ModelBuilder.Result check() {
        Diagnostics diagnostics = new Diagnostics();
        ModelBuilder.Result model = ModelBuilder.build(document, diagnostics);
        Checker.check(model.sandboxes(), diagnostics);
        return model;
    }

    @Benchmark
    public List<Finding> policy() {
        return policy.evaluate(checked);
    }

    @Benchmark
    public List<GeneratedFile> emit() {
        return FlakeEmitter.emit(checked, outDir);
    }

    /** All of lint's work on one file: parse, check and policy. */
    @Benchmark
    public List<Finding> lintOneFile() {
        return policy.evaluate(Frontend.analyze(source));
    }

    static String read(String resource) {
        try (InputStream in = StageBenchmarks.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
