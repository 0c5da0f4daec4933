package dev.sandboxc.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Everything that touches picocli's classes at run time: the whole command line through
 * picocli, and the commands' usage errors as its exceptions. Kept out of Main and the
 * commands, which PlainArgs runs without picocli: verifying a class that throws or catches
 * picocli's exceptions loads them (pre-Java 6 classes, never in a class-data archive).
 */
final class ViaPicocli {
    private ViaPicocli() {}

    /** Help, version, usage errors, and every command. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** The same, with the standard input `fmt -` reads. */
    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        ((FmtCommand) cli.getSubcommands().get("fmt").getCommand()).stdin = in;
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("sandboxc: " + e.getMessage());
            CommandLine cmd = e.getCommandLine();
            err.println("try '" + cmd.getCommandSpec().qualifiedName() + " --help'");
            return Main.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("sandboxc: internal error: " + e + " (please report this with the input that caused it)");
            return Main.USAGE;
        });
        return cli.execute(args);
    }

    /** A command run by picocli: its usage errors become picocli's, with the command's usage hint. */
    static int call(PlainArgs.Command command, CommandLine.Model.CommandSpec spec) {
        try {
            return command.execute(spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (UsageException e) {
            throw usage(spec, e);
        }
    }

    static RuntimeException usage(CommandLine.Model.CommandSpec spec, UsageException e) {
        return usage(spec, e.getMessage());
    }

    static RuntimeException usage(CommandLine.Model.CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
