package dev.sandboxc.cli;

import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleDocs;
import dev.sandboxc.policy.rules.Catalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Lists the policy rules: ID, default severity, summary."},
        footer = {"", "sandboxc explain ID prints everything about one rule."})
final class RulesCommand implements Callable<Integer> {

    @Option(names = "--docs", paramLabel = "DIR", description = "write one Markdown page per rule and an index into DIR (docs/rules)")
    Path docs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (docs != null) {
            try {
                Files.createDirectories(docs);
                for (Map.Entry<String, String> e : RuleDocs.pages().entrySet()) {
                    Files.writeString(docs.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("sandboxc: error: cannot write " + docs + ": " + IoErrors.describe(e));
                return Main.USAGE;
            }
            out.println("wrote " + (Catalog.all().size() + 1) + " pages to " + docs);
            return Main.OK;
        }
        for (Rule r : Catalog.all()) {
            out.printf("%-15s %-9s %s%n", r.id(), r.info().severity().label(), r.info().summary());
        }
        return Main.OK;
    }
}
