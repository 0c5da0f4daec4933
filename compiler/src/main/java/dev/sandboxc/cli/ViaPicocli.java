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
        CommandLine cli = commandLine();
        ((FmtCommand) cli.getSubcommands().get("fmt").getCommand()).stdin = in;
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("sandboxc: error: " + message(e));
            String hint = suggestion(e);
            if (hint != null) err.println("  = hint: " + hint);
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

    /** sandboxc's picocli model, coloured only where colour is wanted (see Terminal). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.ansi(System.getenv())));
        return cli;
    }

    /**
     * picocli's message in sandboxc's style ("sandboxc: error: missing ..."): no "Error: "
     * of its own, and a lower-case start like every other message of sandboxc.
     */
    static String message(CommandLine.ParameterException e) {
        String m = e.getMessage() == null ? "invalid command line" : e.getMessage().strip();
        if (m.startsWith("Error: ")) m = m.substring("Error: ".length());
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && e.getCommandLine().getCommandSpec().parent() == null && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && !Character.isUpperCase(m.charAt(1))) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }

    /** "did you mean 'compile'?" for a mistyped command or option, or null. */
    static String suggestion(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) return null;
        String word = u.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        java.util.List<String> candidates = new java.util.ArrayList<>();
        if (word.startsWith("-")) {
            for (CommandLine.Model.OptionSpec o : spec.options()) candidates.addAll(java.util.List.of(o.names()));
            int eq = word.indexOf('=');
            if (eq > 0) word = word.substring(0, eq);
        } else if (spec.parent() == null) {
            for (var sub : spec.subcommands().entrySet()) {
                if (!sub.getValue().getCommandSpec().usageMessage().hidden()) candidates.add(sub.getKey());
            }
        } else {
            return null;
        }
        String near = dev.sandboxc.check.Suggest.closest(word, candidates);
        if (near != null) return "did you mean '" + near + "'?";
        return word.startsWith("-") ? null : "the commands are " + String.join(", ", candidates);
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
