package dev.sandboxc.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The launcher's training run for its class-data archive: one compile, one lint and
 * one check of the bundled example in one JVM, so that the archive holds the classes
 * (and, on JDK 25, the linked lambdas) of all three. Prints nothing.
 *
 * <pre>java -XX:AOTCacheOutput=sandboxc.aot -cp sandboxc.jar dev.sandboxc.cli.TrainingRun EXAMPLE OUTDIR</pre>
 */
public final class TrainingRun {
    private TrainingRun() {}

    public static void main(String[] args) {
        if (args.length != 2) System.exit(Main.USAGE);
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        int status = Main.run(new String[] {"compile", "-q", "--force", args[0], "-o", args[1]}, sink, sink);
        status = Math.max(status, Main.run(new String[] {"lint", args[0]}, sink, sink));
        status = Math.max(status, Main.run(new String[] {"check", args[1]}, sink, sink));
        System.exit(status);
    }
}
