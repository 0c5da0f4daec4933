package dev.sandboxc.cli;

import dev.sandboxc.check.Suggest;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleDocs;
import dev.sandboxc.policy.rules.Catalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Prints everything about a rule: why, the fix, examples, references."},
        footer = {"", "Example: sandboxc explain SBX-SHARE-001"})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "a rule ID such as SBX-NET-001")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Rule rule = Catalog.find(id);
        if (rule == null) {
            String near = Suggest.closest(id.toUpperCase(java.util.Locale.ROOT), List.copyOf(Catalog.ids()));
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown rule '" + id + "'"
                    + (near != null ? "; did you mean " + near + "?" : "; 'sandboxc rules' lists them"));
        }
        spec.commandLine().getOut().print(RuleDocs.explain(rule.info()));
        return Main.OK;
    }
}
