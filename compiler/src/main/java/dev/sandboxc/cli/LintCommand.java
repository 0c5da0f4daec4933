package dev.sandboxc.cli;

import dev.sandboxc.Frontend;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.emit.OutputWriter;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.report.LintReport;
import dev.sandboxc.policy.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks .sandbox files against the least-privilege rules.",
                "", "Directories are searched for *.sandbox files. Each file's",
                "policy comes from --config, else the nearest .sandboxc.yaml",
                "(up to the git work tree's top)."},
        footer = {"", "Examples:", "  sandboxc lint examples/",
                "  sandboxc lint --format sarif --output lint.sarif --format text .",
                "", "Exit status: 0 no findings at or above --fail-on,",
                "1 findings at or above it, 2 a file could not be linted",
                "(unreadable, syntax or type errors, bad config) or usage error.",
                "Rules: sandboxc rules; sandboxc explain ID; docs/rules/"})
final class LintCommand implements Callable<Integer>, PlainArgs.Command {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = ".sandbox files or directories")
    List<Path> paths;

    static final class Output {
        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", completionCandidates = CompletionCommand.Formats.class,
                description = "text, json, sarif, junit or github (repeatable; default text)")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "write the preceding --format (without one, text) here (default: stdout)")
        Path output;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<Output> outputs = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
            completionCandidates = CompletionCommand.Severities.class,
            description = "fail on findings this bad or worse: critical, high, medium, low, info (default: the config's, else high)")
    Severity failOn;

    @Option(names = "--config", paramLabel = "FILE", description = "policy file (default: the nearest .sandboxc.yaml)")
    Path config;

    @Option(names = "--suppressed", paramLabel = "MODE", completionCandidates = CompletionCommand.SuppressedModes.class,
            description = "list (default): text and github show each suppressed finding; summary: one line per rule"
                    + " (json, sarif and junit always list them)")
    String suppressed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ViaPicocli.call(this, spec);
    }

    @Override
    public int execute(PrintWriter out, PrintWriter err) throws UsageException {
        boolean listSuppressed = suppressed == null || suppressed.equals("list");
        if (!listSuppressed && !suppressed.equals("summary")) {
            throw new UsageException("unknown --suppressed mode '" + suppressed + "': use list or summary");
        }
        List<ReportFormat> formats = new ArrayList<>();
        int toStdout = 0;
        for (Output o : outputs) {
            ReportFormat f;
            if (o.format == null) o.format = "text";
            try {
                f = ReportFormat.valueOf(o.format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown format '" + o.format + "': use text, json, sarif, junit or github");
            }
            formats.add(f);
            if (o.output == null) toStdout++;
        }
        if (toStdout > 1) throw new UsageException("only one format can go to stdout; give the others --output FILE");
        if (formats.isEmpty()) {
            Output text = new Output();
            text.format = "text";
            outputs.add(text);
            formats.add(ReportFormat.TEXT);
        }

        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = walk(p, err);
                if (found == null) return Main.USAGE;
                if (found.isEmpty()) err.println("sandboxc: warning: no .sandbox files under " + p);
                files.addAll(found);
            } else {
                files.add(p);
            }
        }

        PolicyRunner runner = new PolicyRunner(config);
        List<LintReport.FileResult> results = new ArrayList<>();
        Severity effective = failOn;
        for (Path file : files) {
            String name = Inputs.displayName(file);
            PolicyConfig cfg;
            try {
                cfg = runner.configFor(file);
            } catch (PolicyConfig.ConfigException e) {
                err.println("sandboxc: error: " + e.getMessage());
                return Main.USAGE;
            }
            if (effective == null && cfg.failOn() != null) effective = cfg.failOn();
            Inputs.Read read = Inputs.read(file, name);
            if (read.problem() != null) {
                results.add(new LintReport.FileResult(name, null, List.of(), List.of(), read.problem()));
                continue;
            }
            if (read.diagnostic() != null) {
                results.add(new LintReport.FileResult(name, null, List.of(), List.of(read.diagnostic()), null));
                continue;
            }
            Frontend.Result result = Frontend.analyze(read.source());
            if (!result.ok()) {
                List<Diagnostic> errors = result.diagnostics().sorted().stream().filter(Diagnostic::isError).toList();
                // Not linted, but a pasted key is reported all the same (the rules that read only the text).
                results.add(new LintReport.FileResult(name, read.source(), runner.evaluate(result, cfg), errors, null));
                continue;
            }
            List<Finding> findings = runner.evaluate(result, cfg);
            results.add(new LintReport.FileResult(name, read.source(), findings, List.of(), null));
        }
        LintReport report = new LintReport(results, effective == null ? Severity.HIGH : effective, Version.VERSION, listSuppressed);

        // Every format is rendered before anything is written: all outputs or none.
        List<String> rendered = new ArrayList<>();
        for (ReportFormat f : formats) rendered.add(Redacting.redact(f.render(report)));
        for (int i = 0; i < outputs.size(); i++) {
            String text = rendered.get(i);
            Path target = outputs.get(i).output;
            if (target == null) {
                out.print(text);
                out.flush();
            } else {
                try {
                    OutputWriter.writeAtomically(target.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException e) {
                    err.println("sandboxc: error: cannot write " + target + ": " + IoErrors.describe(e));
                    return Main.USAGE;
                }
            }
        }
        return report.exitCode();
    }

    /** *.sandbox files below {@code dir}, or null (reported) when it cannot be read. */
    static List<Path> walk(Path dir, PrintWriter err) {
        try {
            return Inputs.sandboxFiles(dir);
        } catch (IOException e) {
            err.println("sandboxc: error: cannot read " + dir + ": " + IoErrors.describe(e));
            return null;
        }
    }

}
