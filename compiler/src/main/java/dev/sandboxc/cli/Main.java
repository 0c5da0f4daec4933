package dev.sandboxc.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point. The cli package is the only one that knows about exit codes,
 * stdout and stderr: 0 success, 1 the input is invalid (or output was refused),
 * 2 the command line is wrong or the tool could not run.
 */
@Command(name = "sandboxc",
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        description = "Compiles .sandbox files into microvm.nix flakes that run AI coding agents in disposable VMs.",
        subcommands = {InitCommand.class, CompileCommand.class, LintCommand.class, FmtCommand.class, CheckCommand.class, RulesCommand.class,
                ExplainCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 1 invalid input, refused output, policy findings",
                "or (fmt --check) a file that would change, 2 usage error (lint: a file",
                "could not be linted).",
                "Docs: docs/language.md, docs/getting-started.md, docs/rules/, docs/ci.md"})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw ViaPicocli.usage(spec, "missing command: try 'sandboxc compile FILE'");
    }

    public static void main(String[] args) {
        int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        // Success returns: on JDK 21+ System.exit first sets up System.Logger to log the exit (~15 ms).
        if (status != OK) System.exit(status);
    }

    /** Runs the CLI with the given streams; used by tests. Never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** The same, with standard input too (for `fmt -`). */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        // Every byte of output passes the redactor: no output of sandboxc prints a secret back.
        Redacting.begin();
        Redacting redactedOut = new Redacting(out);
        Redacting redactedErr = new Redacting(err);
        PrintWriter o = new PrintWriter(redactedOut, true);
        PrintWriter e = new PrintWriter(redactedErr, true);
        int code;
        try {
            // Plain lint, compile and check command lines skip picocli's start-up; see PlainArgs.
            Integer plain = PlainArgs.run(args, o, e);
            code = plain != null ? plain : ViaPicocli.run(args, in, o, e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError x) {
            e.println("sandboxc: internal error: " + x);
            code = USAGE;
        }
        o.close();
        e.close();
        return code;
    }
}
