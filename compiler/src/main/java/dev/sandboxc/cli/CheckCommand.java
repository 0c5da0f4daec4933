package dev.sandboxc.cli;

import dev.sandboxc.emit.Digests;
import dev.sandboxc.emit.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Tells whether generated flakes are up to date and untouched.",
                "", "Reads DIR/sandboxc.json: every file it lists must have the",
                "digest it was written with, the .sandbox file it names must be",
                "unchanged, and it must come from this version of sandboxc.",
                "", "Given a .sandbox FILE, checks the flake written next to it",
                "(where compile puts it without -o): the pre-commit drift hook.",
                "It renders nothing, so it is as fast as lint."},
        footer = {"", "Examples:", "  sandboxc check out/agent", "  sandboxc check sandboxes/agent.sandbox",
                "", "Exit status: 0 up to date, 1 stale or edited by hand,",
                "2 no manifest (not a flake sandboxc wrote) or usage error."})
final class CheckCommand implements Callable<Integer>, PlainArgs.Command {

    @Parameters(paramLabel = "DIR|FILE", arity = "1..*",
            description = "folders holding a generated flake, or .sandbox files whose flake is next to them")
    List<Path> dirs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return execute(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int execute(PrintWriter out, PrintWriter err) {
        int status = Main.OK;
        for (Path dir : dirs) status = Math.max(status, check(dir, out, err));
        return status;
    }

    private int check(Path arg, PrintWriter out, PrintWriter err) {
        if (!Files.exists(arg)) {
            err.println("sandboxc: error: " + arg + ": no such file or folder");
            err.println("  = hint: give a .sandbox file whose flake is next to it, or the folder of a flake compile wrote");
            return Main.USAGE;
        }
        // A .sandbox file stands for the flake compile writes next to it.
        Path sourceFile = Files.isRegularFile(arg) ? arg : null;
        // Absolute: the manifest's paths are checked to stay inside the folder, and "."
        // or "sub/.." normalise to the empty path, inside which nothing lies.
        Path dir = (sourceFile == null ? arg : CompileCommand.parentOf(sourceFile)).toAbsolutePath().normalize();
        Path shownDir = sourceFile == null ? arg : CompileCommand.parentOf(sourceFile);
        Path file = dir.resolve(Manifest.FILE);
        Manifest m;
        try {
            m = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Manifest.parse(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            m = null;
        }
        if (m == null && sourceFile != null) {
            err.println("sandboxc: error: " + arg + " has no flake next to it (no " + Manifest.FILE + " in its folder)");
            err.println("  = hint: compile it: sandboxc compile " + arg + "; or give the folder of its flake: sandboxc check DIR");
            return Main.INVALID;
        }
        if (m == null) {
            err.println("sandboxc: error: " + arg + " is not a generated flake: " + shownDir.resolve(Manifest.FILE)
                    + " is missing or not a manifest sandboxc wrote");
            err.println("  = hint: compile into it first: sandboxc compile FILE.sandbox -o " + arg);
            return Main.USAGE;
        }
        if (sourceFile != null && (m.source() == null || !sameFile(dir.resolve(m.source()), sourceFile))) {
            err.println("sandboxc: error: the flake next to " + arg + " was compiled from " + m.source() + ", not from it");
            err.println("  = hint: give the folder of its own flake: sandboxc check DIR");
            return Main.INVALID;
        }
        String label = sourceFile != null ? "the flake of " + arg : arg.toString();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : m.files().entrySet()) {
            Path p = dir.resolve(e.getKey()).normalize();
            if (!p.startsWith(dir) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(e.getKey() + " is missing");
                continue;
            }
            try {
                if (!Digests.sha256(Files.readAllBytes(p)).equals(e.getValue())) problems.add(e.getKey() + " was edited by hand");
            } catch (IOException ex) {
                problems.add(e.getKey() + " cannot be read: " + IoErrors.describe(ex));
            }
        }
        if (m.source() != null) {
            Path source = dir.resolve(m.source()).normalize();
            try {
                String text = Files.readString(source);
                if (!Manifest.sourceDigest(text).equals(m.sourceSha256())) {
                    problems.add(m.source() + " changed since it was compiled");
                }
            } catch (IOException | RuntimeException ex) {
                problems.add("its source " + m.source() + " cannot be read");
            }
        }
        if (!m.version().equals(Version.VERSION)) {
            problems.add("it was written by sandboxc " + m.version() + ", this is " + Version.VERSION);
        }
        if (problems.isEmpty()) {
            out.println(label + ": up to date");
            return Main.OK;
        }
        for (String p : problems) err.println("sandboxc: " + label + ": " + p);
        err.println("sandboxc: " + label + " is stale; compile again"
                + (sourceFile != null ? ": sandboxc compile " + arg
                        : m.source() != null ? ": sandboxc compile " + shownDir.resolve(m.source()).normalize() + " -o " + arg : ""));
        return Main.INVALID;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
