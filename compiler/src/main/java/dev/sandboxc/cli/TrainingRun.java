package dev.sandboxc.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The launcher's training runs for its class-data archives, printing nothing. {@code lint}:
 * one lint of the bundled example, for the archive lint runs with (the pre-commit hook);
 * {@code all}: one compile, lint and check, for every other command. On JDK 25 an AOT cache
 * loads every class it holds at start-up, so lint's archive leaves out the compiler's
 * template engine.
 *
 * <pre>java -XX:AOTCacheOutput=lint.aot -cp sandboxc.jar dev.sandboxc.cli.TrainingRun lint EXAMPLE
 * java -XX:AOTCacheOutput=all.aot -cp sandboxc.jar dev.sandboxc.cli.TrainingRun all EXAMPLE OUTDIR</pre>
 */
public final class TrainingRun {
    private TrainingRun() {}

    public static void main(String[] args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        int status;
        if (args.length == 2 && args[0].equals("lint")) {
            status = Main.run(new String[] {"lint", args[1]}, sink, sink);
        } else if (args.length == 3 && args[0].equals("all")) {
            status = Main.run(new String[] {"compile", "-q", "--force", args[1], "-o", args[2]}, sink, sink);
            status = Math.max(status, Main.run(new String[] {"lint", args[1]}, sink, sink));
            status = Math.max(status, Main.run(new String[] {"check", args[2]}, sink, sink));
        } else {
            status = Main.USAGE;
        }
        System.exit(status);
    }
}
