package dev.sandboxc.cli;

import dev.sandboxc.policy.Severity;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that hooks and scripts write — {@code lint}, {@code compile} and
 * {@code check} with their options spelt out — read without picocli. Building
 * picocli's model of every command by reflection costs more than linting a file, and
 * a pre-commit hook pays it on every commit.
 *
 * <p>Anything else (help, version, other commands, argument files, {@code --}, clustered
 * or attached short options, a repeated option, a value that looks like an option, a
 * bad severity, a missing parameter) is left to picocli, so its messages and help
 * stay the only ones. CliEquivalenceTest checks that both read the same fields.
 */
final class PlainArgs {
    private PlainArgs() {}

    /** The command's exit status, or null when picocli must read this command line. */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        Command command = parse(args);
        if (command == null) return null;
        try {
            return command.execute(out, err);
        } catch (UsageException e) {
            err.println("sandboxc: error: " + e.getMessage());
            err.println("try 'sandboxc " + args[0] + " --help'");
            return Main.USAGE;
        } catch (RuntimeException e) {
            // As picocli's execution exception handler in Main words it.
            err.println("sandboxc: internal error: " + e + " (please report this with the input that caused it)");
            return Main.USAGE;
        }
    }

    /** A command whose fields are set, by picocli or by this class. */
    interface Command {
        int execute(PrintWriter out, PrintWriter err) throws UsageException;
    }

    /** The command these arguments describe, or null when they are not plain. */
    static Command parse(String[] args) {
        if (args.length < 2) return null;
        try {
            return switch (args[0]) {
                case "lint" -> lint(args);
                case "compile" -> compile(args);
                case "check" -> check(args);
                default -> null;
            };
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Command lint(String[] args) {
        LintCommand c = new LintCommand();
        List<Path> paths = new ArrayList<>();
        LintCommand.Output group = null;
        boolean groupHasOutput = false;
        Options o = new Options(args);
        while (o.next()) {
            switch (o.name()) {
                case "-f", "--format" -> {
                    if (o.value() == null) return null;
                    group = new LintCommand.Output();
                    group.format = o.value();
                    groupHasOutput = false;
                    c.outputs.add(group);
                }
                case "-o", "--output" -> {
                    // Only straight after its --format: other orders are picocli's to group.
                    if (o.value() == null || group == null || groupHasOutput || !o.followsFormat()) return null;
                    group.output = Path.of(o.value());
                    groupHasOutput = true;
                }
                case "--fail-on" -> {
                    if (c.failOn != null || (c.failOn = severity(o.value())) == null) return null;
                }
                case "--config" -> {
                    if (c.config != null || o.value() == null) return null;
                    c.config = Path.of(o.value());
                }
                case "--suppressed" -> {
                    if (c.suppressed != null || o.value() == null) return null;
                    c.suppressed = o.value();
                }
                case "" -> paths.add(Path.of(o.value()));
                default -> {
                    return null;
                }
            }
        }
        if (o.refused() || paths.isEmpty()) return null;
        c.paths = paths;
        return c;
    }

    private static Command compile(String[] args) {
        CompileCommand c = new CompileCommand();
        List<Path> files = new ArrayList<>();
        boolean failOnGiven = false;
        Options o = new Options(args);
        while (o.next()) {
            switch (o.name()) {
                case "-o", "--output" -> {
                    if (c.output != null || o.value() == null) return null;
                    c.output = Path.of(o.value());
                }
                case "--force" -> {
                    if (c.force || o.value() != null) return null;
                    c.force = true;
                }
                case "--check" -> {
                    if (c.check || o.value() != null) return null;
                    c.check = true;
                }
                case "-q", "--quiet" -> {
                    if (c.quiet || o.value() != null) return null;
                    c.quiet = true;
                }
                case "--fail-on" -> {
                    if (failOnGiven || (c.failOn = severity(o.value())) == null) return null;
                    failOnGiven = true;
                }
                case "--config" -> {
                    if (c.config != null || o.value() == null) return null;
                    c.config = Path.of(o.value());
                }
                case "" -> files.add(Path.of(o.value()));
                default -> {
                    return null;
                }
            }
        }
        if (o.refused() || files.isEmpty()) return null;
        c.files = files;
        return c;
    }

    private static Command check(String[] args) {
        CheckCommand c = new CheckCommand();
        List<Path> dirs = new ArrayList<>();
        Options o = new Options(args);
        while (o.next()) {
            if (!o.name().isEmpty()) return null;
            dirs.add(Path.of(o.value()));
        }
        if (o.refused() || dirs.isEmpty()) return null;
        c.dirs = dirs;
        return c;
    }

    private static Severity severity(String value) {
        return value == null ? null : Severity.parse(value);
    }

    /** Options whose value may be the next argument; every other option is a flag. */
    private static final List<String> TAKES_VALUE = List.of("-f", "--format", "-o", "--output", "--fail-on", "--config", "--suppressed");

    /**
     * Walks the arguments after the command name: each step is an option (name, and its
     * value from {@code --name=value} or the next argument) or a positional (name "").
     * Refuses, ending the walk, whatever picocli might read differently.
     */
    private static final class Options {
        private final String[] args;
        private int next = 1;
        private String name;
        private String value;
        private boolean previousWasFormat;
        private boolean followsFormat;
        private boolean refused;

        Options(String[] args) { this.args = args; }

        boolean next() {
            if (refused || next >= args.length) return false;
            String a = args[next++];
            followsFormat = previousWasFormat;
            previousWasFormat = false;
            if (a.isEmpty() || a.startsWith("@")) return refuse();
            if (!a.startsWith("-")) {
                name = "";
                value = a;
                return true;
            }
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
                if (!TAKES_VALUE.contains(name) || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return refuse();
                }
            } else if (TAKES_VALUE.contains(a)) {
                if (next >= args.length) return refuse();
                name = a;
                value = args[next++];
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return refuse();
            } else {
                name = a;
                value = null;
            }
            previousWasFormat = name.equals("-f") || name.equals("--format");
            return true;
        }

        private boolean refuse() {
            refused = true;
            return false;
        }

        String name() { return name; }

        String value() { return value; }

        /** True when the option before this one was --format (with its value). */
        boolean followsFormat() { return followsFormat; }

        boolean refused() { return refused; }
    }
}
