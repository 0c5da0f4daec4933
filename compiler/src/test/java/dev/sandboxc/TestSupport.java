package dev.sandboxc;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.emit.FlakeEmitter;
import dev.sandboxc.emit.GeneratedFile;
import dev.sandboxc.model.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Shared by the tests: the repository root, compiling in memory, running Nix. */
public final class TestSupport {
    private TestSupport() {}

    /** The repository root (surefire passes it; a run from the IDE falls back to the working directory). */
    public static Path root() {
        String p = System.getProperty("sandboxc.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("examples")) && Files.isDirectory(root.resolve("../examples"))) {
            root = root.resolve("..");
        }
        return root.toAbsolutePath().normalize();
    }

    public static Source source(Path file, String name) throws IOException {
        return new Source(name, file.toAbsolutePath().normalize(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Source source(String name, String text) {
        return new Source(name, null, text);
    }

    /** What a compile prints on stderr: the rendered diagnostics in order. */
    public static String render(Frontend.Result result) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : result.diagnostics().sorted()) b.append(DiagnosticRenderer.render(d));
        return b.toString();
    }

    /** Codes of the diagnostics, in order: "E201 E101". */
    public static String codes(Frontend.Result result) {
        return String.join(" ", result.diagnostics().sorted().stream().map(Diagnostic::code).toList());
    }

    /** Emits the flake in memory, as if the output folder were {@code outDir}. */
    public static List<GeneratedFile> emit(Frontend.Result result, Path outDir) {
        return FlakeEmitter.emit(result, outDir.toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------------ Nix

    private static Boolean nixPresent;

    /**
     * True when nix-instantiate runs here. CI sets SANDBOXC_REQUIRE_NIX=1, so a
     * missing Nix there fails the tests instead of skipping them silently.
     */
    public static synchronized boolean nixAvailable() {
        if (nixPresent == null) {
            try {
                nixPresent = exec(null, "nix-instantiate", "--version").status == 0;
            } catch (IOException e) {
                nixPresent = false;
            }
        }
        if (!nixPresent && "1".equals(System.getenv("SANDBOXC_REQUIRE_NIX"))) {
            throw new AssertionError("SANDBOXC_REQUIRE_NIX=1 but nix-instantiate is not on PATH");
        }
        return nixPresent;
    }

    public static void assumeNix() {
        Assumptions.assumeTrue(nixAvailable(), "nix-instantiate is not installed");
    }

    /** python3 runs the egress proxy and the audit chain; CI (SANDBOXC_REQUIRE_NIX=1) must have it. */
    public static void assumePython() {
        boolean have = commandAvailable("python3");
        if (!have && "1".equals(System.getenv("SANDBOXC_REQUIRE_NIX"))) throw new AssertionError("python3 is not on PATH");
        Assumptions.assumeTrue(have, "python3 is not installed");
    }

    public static boolean commandAvailable(String command) {
        try {
            return exec(null, "sh", "-c", "command -v " + command).status == 0;
        } catch (IOException e) {
            return false;
        }
    }

    public record Exec(int status, String stdout, String stderr) {}

    /** Runs a command with an empty stdin and a 60 s limit; Nix state goes to a private folder. */
    public static Exec exec(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) pb.directory(dir.toFile());
        Path state = Files.createTempDirectory("sandboxc-nix-state");
        // nix-instantiate wants a writable state folder; keep it away from /nix/var as non-root.
        pb.environment().put("NIX_STATE_DIR", state.resolve("state").toString());
        pb.environment().put("NIX_LOG_DIR", state.resolve("log").toString());
        pb.environment().put("HOME", state.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = state.resolve("stdout");
        Path err = state.resolve("stderr");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            return new Exec(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            deleteTree(state);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
