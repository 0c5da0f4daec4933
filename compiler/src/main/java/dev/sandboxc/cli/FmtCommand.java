package dev.sandboxc.cli;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.diag.LiteralSecrets;
import dev.sandboxc.emit.OutputWriter;
import dev.sandboxc.syntax.Formatter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Rewrites .sandbox files in the canonical layout, keeping every comment.",
                "", "Directories are searched for *.sandbox files; - reads standard",
                "input and writes the result to standard output. A file that",
                "changes is replaced atomically, with its permissions, and named",
                "on stderr; unchanged files are left alone. A file that does not",
                "parse is reported and left as it is. The layout: docs/language.md."},
        footer = {"", "Examples:", "  sandboxc fmt examples/", "  sandboxc fmt --check --diff .",
                "", "Exit status: 0 done (with --check: nothing to change),",
                "1 a file would change (--check) or does not parse,",
                "2 usage error or a file that cannot be read or written."})
final class FmtCommand implements Callable<Integer> {

    static final String STDIN = "-";
    static final String STDIN_NAME = "<stdin>";

    @Parameters(paramLabel = "PATH", arity = "1..*", description = ".sandbox files or directories; - for standard input")
    List<String> paths;

    @Option(names = "--check", description = "write nothing; list the files that are not formatted on stdout, and exit 1 if there are any")
    boolean check;

    @Option(names = "--diff", description = "write nothing; print what formatting would change as a unified diff on stdout")
    boolean diff;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input; tests give their own. */
    InputStream stdin = System.in;

    private enum Outcome { UNCHANGED, CHANGED }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = Main.OK;
        int changed = 0;
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            if (p.equals(STDIN)) {
                files.add(null);
                continue;
            }
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                List<Path> found = LintCommand.walk(path, err);
                if (found == null) return Main.USAGE;
                if (found.isEmpty()) err.println("sandboxc: warning: no .sandbox files under " + p);
                files.addAll(found);
            } else {
                files.add(path);
            }
        }
        for (Path file : files) {
            Inputs.Read read = file == null ? readStdin() : Inputs.read(file, Inputs.displayName(file));
            if (read.problem() != null) {
                err.println("sandboxc: error: " + read.problem());
                status = Math.max(status, read.usage() ? Main.USAGE : Main.INVALID);
                continue;
            }
            if (read.diagnostic() != null) {
                err.print(DiagnosticRenderer.render(read.diagnostic()));
                status = Math.max(status, Main.INVALID);
                continue;
            }
            if (file == null && refuseSecret(read, err)) {
                status = Math.max(status, Main.INVALID);
                continue;
            }
            Formatter.Result result = Formatter.format(read.source());
            if (!result.formatted()) {
                for (Diagnostic d : result.errors()) err.print(DiagnosticRenderer.render(d));
                int n = result.errors().size();
                err.println("sandboxc: " + read.source().name() + ": " + n + (n == 1 ? " error" : " errors")
                        + "; not formatted");
                status = Math.max(status, Main.INVALID);
                continue;
            }
            Outcome outcome;
            try {
                outcome = handle(file, read, result.text(), out, err);
            } catch (IOException | RuntimeException e) {
                err.println("sandboxc: error: cannot write " + file + ": " + IoErrors.reason(e) + "; it was left as it was");
                status = Math.max(status, Main.USAGE);
                continue;
            }
            if (outcome == Outcome.CHANGED) changed++;
        }
        if (check && changed > 0) {
            err.println("sandboxc: " + changed + (changed == 1 ? " file is" : " files are")
                    + " not formatted; run: sandboxc fmt PATH...");
            status = Math.max(status, Main.INVALID);
        }
        out.flush();
        return status;
    }

    private Outcome handle(Path file, Inputs.Read read, String formatted, PrintWriter out, PrintWriter err) throws IOException {
        String name = read.source().name();
        boolean same = formatted.equals(read.source().text()) && !read.bom();
        if (check || diff) {
            if (same) return Outcome.UNCHANGED;
            if (diff) out.print(UnifiedDiff.of(name, read.source().text(), formatted));
            else out.println(name);
            return Outcome.CHANGED;
        }
        if (file == null) {
            out.print(formatted);
            return same ? Outcome.UNCHANGED : Outcome.CHANGED;
        }
        if (same) return Outcome.UNCHANGED;
        OutputWriter.replaceAtomically(file, formatted.getBytes(StandardCharsets.UTF_8));
        err.println("formatted " + name);
        return Outcome.CHANGED;
    }

    /**
     * fmt - prints the whole file back: one that holds a key is refused rather than printed
     * (or printed masked, which an editor would then save over the file).
     */
    private static boolean refuseSecret(Inputs.Read read, PrintWriter err) {
        for (LiteralSecrets.Match m : LiteralSecrets.find(read.source().text())) {
            var at = read.source().span(m.start(), m.end());
            err.println("sandboxc: error: " + at.location() + ": " + (m.reported() ? "SBX-SECRET-001: " + m.what() : m.what())
                    + " is written in this file, and fmt - prints the file back; nothing was printed");
            err.println("  = hint: remove it (and revoke it): keep it on the host and declare it as a secret; then format");
            return true;
        }
        return false;
    }

    private Inputs.Read readStdin() {
        try {
            byte[] bytes = stdin.readNBytes((int) Inputs.MAX_BYTES + 1);
            if (bytes.length > Inputs.MAX_BYTES) {
                return new Inputs.Read(null, STDIN_NAME + ": over the 1 MiB limit for a .sandbox file", null, false);
            }
            return Inputs.decode(bytes, STDIN_NAME, null);
        } catch (IOException e) {
            return new Inputs.Read(null, STDIN_NAME + ": cannot read: " + e.getMessage(), null, true);
        }
    }
}
