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
                "unchanged, and it must come from this version of sandboxc."},
        footer = {"", "Example: sandboxc check out/agent",
                "", "Exit status: 0 up to date, 1 stale or edited by hand,",
                "2 no manifest (not a flake sandboxc wrote) or usage error."})
final class CheckCommand implements Callable<Integer>, PlainArgs.Command {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "folders holding a generated flake")
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

    private int check(Path dir, PrintWriter out, PrintWriter err) {
        Path file = dir.resolve(Manifest.FILE);
        Manifest m;
        try {
            m = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Manifest.parse(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            m = null;
        }
        if (m == null) {
            err.println("sandboxc: error: " + file + " is missing or not a manifest sandboxc wrote: " + dir
                    + " is not a generated flake");
            return Main.USAGE;
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : m.files().entrySet()) {
            Path p = dir.resolve(e.getKey()).normalize();
            if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
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
            out.println(dir + ": up to date");
            return Main.OK;
        }
        for (String p : problems) err.println("sandboxc: " + dir + ": " + p);
        err.println("sandboxc: " + dir + " is stale; compile again"
                + (m.source() != null ? ": sandboxc compile " + dir.resolve(m.source()).normalize() + " -o " + dir : ""));
        return Main.INVALID;
    }
}
