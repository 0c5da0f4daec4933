package dev.sandboxc.cli;

import dev.sandboxc.Frontend;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.emit.FlakeEmitter;
import dev.sandboxc.emit.GeneratedFile;
import dev.sandboxc.emit.Manifest;
import dev.sandboxc.emit.OutputWriter;
import dev.sandboxc.emit.Templates;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Checks .sandbox files and writes their Nix flakes.",
                "", "A flake is flake.nix, one NixOS guest module per sandbox,",
                "the sandboxc Nix library and a manifest (sandboxc.json).",
                "", "The flake is written next to the file unless -o is given.",
                "Files that sandboxc did not write, or that were edited since,",
                "are never overwritten without --force."},
        footer = {"", "Examples:", "  sandboxc compile agent.sandbox", "  sandboxc compile examples/agent.sandbox -o out/agent",
                "", "Policy findings are printed; those at or above --fail-on stop",
                "the compile, at the threshold lint uses (the config's fail-on,",
                "else high), so what compiles also passes the pre-commit lint.",
                "", "Exit status: 0 compiled, 1 invalid input, policy findings or",
                "refused output, 2 usage error or unreadable config."})
final class CompileCommand implements Callable<Integer>, PlainArgs.Command {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".sandbox files to compile")
    List<Path> files;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "directory for the flake (default: the folder of each FILE); only with one FILE")
    Path output;

    @Option(names = "--force", description = "overwrite files that sandboxc did not generate or that were edited")
    boolean force;

    @Option(names = "--check", description = "write nothing; exit 1 when the flake on disk differs from what compile would write")
    boolean check;

    @Option(names = {"-q", "--quiet"}, description = "print errors (and failing findings) only")
    boolean quiet;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            completionCandidates = CompletionCommand.Severities.class,
            description = "refuse to compile with policy findings this bad or worse: critical, high, medium, low, info"
                    + " (default: as lint: the config's fail-on, else high)")
    Severity failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "policy file (default: the nearest .sandboxc.yaml)")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ViaPicocli.call(this, spec);
    }

    @Override
    public int execute(PrintWriter out, PrintWriter err) throws UsageException {
        if (output != null && files.size() > 1) {
            throw new UsageException("-o takes one FILE; compile several files without -o");
        }
        // FreeMarker's set-up does not depend on the input: it runs while the input is read and checked.
        Templates.prepareInBackground();
        PolicyRunner policy = new PolicyRunner(config);
        int status = Main.OK;
        for (Path file : files) status = Math.max(status, compile(file, policy, out, err));
        return status;
    }

    private int compile(Path file, PolicyRunner policy, PrintWriter out, PrintWriter err) {
        Inputs.Read read = Inputs.read(file, Inputs.displayName(file));
        if (read.problem() != null) {
            err.println("sandboxc: error: " + read.problem());
            return read.usage() ? Main.USAGE : Main.INVALID;
        }
        if (read.diagnostic() != null) {
            err.print(DiagnosticRenderer.render(read.diagnostic()));
            return Main.INVALID;
        }
        Frontend.Result result = Frontend.analyze(read.source());
        if (!result.ok()) {
            for (Diagnostic d : result.diagnostics().sorted()) {
                if (d.isError() || !quiet) err.print(DiagnosticRenderer.render(d));
            }
            // What the policy can judge of a file with errors (a pasted key) is said all the same.
            try {
                for (Finding f : policy.evaluate(result, policy.configFor(file))) {
                    if (!f.suppressed()) err.print(TextReport.render(f));
                }
            } catch (PolicyConfig.ConfigException e) {
                err.println("sandboxc: error: " + e.getMessage());
                return Main.USAGE;
            }
            int n = result.diagnostics().errorCount();
            err.println("sandboxc: " + file + ": " + n + (n == 1 ? " error" : " errors") + "; nothing was written");
            return Main.INVALID;
        }
        List<Finding> findings;
        Severity threshold;
        try {
            PolicyConfig config = policy.configFor(file);
            findings = policy.evaluate(result, config);
            // lint's threshold: a file that compiles is not then blocked by the pre-commit hook.
            threshold = PolicyRunner.threshold(failOn, config);
        } catch (PolicyConfig.ConfigException e) {
            err.println("sandboxc: error: " + e.getMessage());
            return Main.USAGE;
        }
        long failing = findings.stream().filter(f -> f.fails(threshold)).count();
        // A warning is a finding too (lint reports it): shown as the compiler's warning, unless a
        // suppression or the config set it aside. Suppressed findings were looked at already;
        // `sandboxc lint` still lists them.
        for (Diagnostic d : result.diagnostics().sorted()) {
            if (quiet) break;
            boolean shown = findings.stream().anyMatch(f -> f.rule().id().equals(d.code()) && !f.suppressed()
                    && f.span().start() == d.span().start() && f.message().equals(d.message()));
            if (shown) err.print(DiagnosticRenderer.render(d));
        }
        for (Finding f : findings) {
            if (RuleInfo.compilerWarning(f.rule().id())) continue;
            if (!f.suppressed() && (!quiet || f.fails(threshold))) err.print(TextReport.render(f));
        }
        if (failing > 0) {
            err.println("sandboxc: " + file + ": " + failing + (failing == 1 ? " policy finding" : " policy findings")
                    + " at or above " + threshold.label() + ", where lint fails too; nothing was written (fix them,"
                    + " suppress them with a reason, or exempt a critical one in " + PolicyConfig.FILE_NAME + ")");
            return Main.INVALID;
        }
        Path dir = output != null ? output : parentOf(file);
        Path outDir = Inputs.canonical(dir);
        List<GeneratedFile> generated = FlakeEmitter.emit(result, outDir);
        Manifest manifest = FlakeEmitter.manifest(result, outDir, generated);
        if (check) return checkUpToDate(file, dir, generated, manifest, err);
        OutputWriter.Outcome outcome;
        try {
            outcome = OutputWriter.write(dir, generated, manifest, force);
        } catch (IOException | RuntimeException e) {
            err.println("sandboxc: error: cannot write to " + dir + ": " + IoErrors.describe(e));
            err.println("  = hint: nothing was written; choose a folder you can write to with -o DIR");
            return Main.INVALID;
        }
        if (outcome.refused()) {
            for (OutputWriter.Conflict c : outcome.conflicts()) {
                String why = switch (c.reason()) {
                    case NOT_GENERATED -> "exists and was not written by sandboxc";
                    case EDITED -> "was edited since sandboxc wrote it";
                    case NOT_A_FILE -> "is not a regular file (or lies in a linked folder)";
                    case OTHER_SOURCE -> "belongs to the flake of another file (" + outcome.previousSource() + ")";
                };
                err.println("sandboxc: error: " + dir.resolve(c.path()) + " " + why);
            }
            err.println("sandboxc: nothing was written; move those files away, compile with -o DIR, or pass --force to overwrite");
            return Main.INVALID;
        }
        if (!quiet) {
            String shown = shown(dir);
            out.println("compiled " + file + " -> " + shown + " (" + outcome.written().size() + " written, "
                    + outcome.unchanged().size() + " unchanged" + (outcome.removed().isEmpty() ? "" : ", " + outcome.removed().size() + " removed") + ")");
            String flakeRef = shellPath(shown);
            GitTree.Visibility seen = GitTree.of(dir, generated.stream().map(GeneratedFile::path).toList());
            if (seen != null && seen.ignored()) {
                // Nix's git fetcher never copies ignored files; a path: reference reads the folder as it is.
                out.println("  (git ignores files of " + shown + ": Nix reads it through path:, not through git)");
                flakeRef = "path:" + flakeRef;
            } else if (seen != null && !seen.untracked().isEmpty()) {
                StringBuilder add = new StringBuilder("  git add");
                for (String segment : seen.untracked()) {
                    add.append(' ').append(dev.sandboxc.emit.Shell.quote(shown.equals(".") ? segment : shown + "/" + segment));
                }
                out.println(add + "   (Nix sees only the files git knows)");
            }
            for (var s : result.sandboxes()) {
                out.println("  nix develop " + flakeRef + "#" + s.name() + "   then: sandbox-up");
            }
        }
        return Main.OK;
    }

    /** For the pre-commit hook: is the flake in {@code dir} exactly what this compile would write? */
    private int checkUpToDate(Path file, Path dir, List<GeneratedFile> generated, Manifest manifest, PrintWriter err) {
        List<String> stale = new java.util.ArrayList<>();
        try {
            for (GeneratedFile f : generated) {
                Path p = dir.resolve(f.path());
                if (!java.nio.file.Files.isRegularFile(p) || !java.util.Arrays.equals(java.nio.file.Files.readAllBytes(p), f.content())) {
                    stale.add(f.path());
                }
            }
            Path m = dir.resolve(Manifest.FILE);
            if (!java.nio.file.Files.isRegularFile(m) || !java.util.Arrays.equals(java.nio.file.Files.readAllBytes(m), manifest.toJson())) {
                stale.add(Manifest.FILE);
            }
        } catch (IOException e) {
            err.println("sandboxc: error: cannot read " + dir + ": " + IoErrors.describe(e));
            return Main.USAGE;
        }
        if (stale.isEmpty()) return Main.OK;
        err.println("sandboxc: " + dir + " is stale for " + file + ": " + String.join(", ", stale)
                + (stale.size() == 1 ? " differs" : " differ") + "; run: sandboxc compile " + file
                + (output != null ? " -o " + output : ""));
        return Main.INVALID;
    }

    /** Where compile writes a file's flake without -o: the file's folder. */
    static Path parentOf(Path file) {
        return file.getParent() == null ? Path.of(".") : file.getParent();
    }

    /**
     * The output folder as the user should type it next: relative to the working folder
     * when it lies at most two levels above it ("." for the working folder itself), else
     * absolute. Real paths on both sides, so a linked working folder reads right.
     */
    static String shown(Path dir) {
        try {
            Path real = dir.toRealPath();
            Path here = Path.of("").toRealPath();
            Path rel = here.relativize(real);
            String s = rel.toString().replace('\\', '/');
            if (s.isEmpty()) return ".";
            int up = 0;
            for (Path part : rel) if (part.toString().equals("..")) up++;
            return up <= 2 ? s : real.toString();
        } catch (IOException | IllegalArgumentException e) {
            return dir.toString();
        }
    }

    /** A flake folder as a word for the shell and for Nix, which reads "out" as a registry name but "./out" as a path. */
    private static String shellPath(String dir) {
        if (dir.equals(".") || dir.startsWith("/") || dir.startsWith("./") || dir.startsWith("../") || dir.equals("..")) {
            return dev.sandboxc.emit.Shell.quote(dir);
        }
        return dev.sandboxc.emit.Shell.quote("./" + dir);
    }
}
