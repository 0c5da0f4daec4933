package dev.sandboxc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a shell completion script for sandboxc, made from its command-line model.",
                "", "bash and zsh get picocli's script (zsh loads it through bashcompinit);",
                "fish gets complete commands for every command, option and value."},
        footer = {"", "Install (see README.md, \"Installing\"):",
                "  sandboxc completion bash > ~/.local/share/bash-completion/completions/sandboxc",
                "  echo 'source <(sandboxc completion zsh)' >> ~/.zshrc",
                "  sandboxc completion fish > ~/.config/fish/completions/sandboxc.fish"})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh, fish }

    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    Shell shell;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case bash -> AutoComplete.bash("sandboxc", root);
            case zsh -> zsh(root);
            case fish -> fish(root.getCommandSpec());
        };
        spec.commandLine().getOut().print(script);
        return Main.OK;
    }

    /** picocli's bash script, loaded the way zsh loads bash completions. */
    static String zsh(CommandLine root) {
        return "#compdef sandboxc\n# zsh completion for sandboxc: picocli's bash script through bashcompinit.\n"
                + "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                + AutoComplete.bash("sandboxc", root);
    }

    /** complete commands for fish, one per command, option and value, from the same model. */
    static String fish(CommandSpec root) {
        StringBuilder b = new StringBuilder("# fish completion for sandboxc, made from its command-line model.\n");
        b.append("complete -c sandboxc -e\n");
        List<String> names = new ArrayList<>();
        for (var e : root.subcommands().entrySet()) {
            if (!e.getValue().getCommandSpec().usageMessage().hidden()) names.add(e.getKey());
        }
        for (OptionSpec o : root.options()) option(b, "__fish_use_subcommand", o);
        for (String name : names) {
            CommandSpec sub = root.subcommands().get(name).getCommandSpec();
            b.append("complete -c sandboxc -n __fish_use_subcommand -f -a ").append(quote(name))
             .append(" -d ").append(quote(first(sub.usageMessage().header().length > 0 ? sub.usageMessage().header()
                     : sub.usageMessage().description()))).append('\n');
        }
        for (String name : names) {
            CommandSpec sub = root.subcommands().get(name).getCommandSpec();
            String cond = "'__fish_seen_subcommand_from " + name + "'";
            if (name.equals("help")) {
                b.append("complete -c sandboxc -n ").append(cond).append(" -f -a ").append(quote(String.join(" ", names))).append('\n');
                continue;
            }
            for (OptionSpec o : sub.options()) option(b, cond, o);
            for (var p : sub.positionalParameters()) {
                Iterable<String> candidates = p.completionCandidates();
                if (candidates != null) {
                    b.append("complete -c sandboxc -n ").append(cond).append(" -f -a ").append(quote(String.join(" ", candidates))).append('\n');
                } else if (p.type() == String.class && sub.name().equals("explain")) {
                    b.append("complete -c sandboxc -n ").append(cond).append(" -f -a '(sandboxc rules | string match -r \"^\\S+\")'\n");
                }
            }
        }
        return b.toString();
    }

    private static void option(StringBuilder b, String condition, OptionSpec o) {
        b.append("complete -c sandboxc -n ").append(condition);
        for (String n : o.names()) {
            if (n.startsWith("--")) b.append(" -l ").append(n.substring(2));
            else if (n.startsWith("-") && n.length() == 2) b.append(" -s ").append(n.charAt(1));
        }
        if (o.arity().max() > 0) {
            b.append(" -r");
            Iterable<String> candidates = o.completionCandidates();
            if (candidates != null) b.append(" -f -a ").append(quote(String.join(" ", candidates)));
        }
        b.append(" -d ").append(quote(first(o.description()))).append('\n');
    }

    /** The first line of a description, without its parentheses and final stop. */
    private static String first(String[] lines) {
        if (lines.length == 0) return "";
        return lines[0].replace("%n", " ").replaceAll("\\s*\\([^)]*\\)", "").strip().replaceAll("[.;:]+$", "");
    }

    /** A fish single-quoted word: only \ and ' are special inside. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** For picocli's completion of a SEVERITY or FORMAT value. */
    static final class Severities extends ArrayList<String> {
        Severities() {
            for (var s : dev.sandboxc.policy.Severity.values()) add(s.label());
        }
    }

    static final class Formats extends ArrayList<String> {
        Formats() {
            for (var f : dev.sandboxc.policy.report.ReportFormat.values()) add(f.name().toLowerCase(Locale.ROOT));
        }
    }

    static final class Agents extends ArrayList<String> {
        Agents() { addAll(dev.sandboxc.model.AgentKind.ids()); }
    }

    static final class SuppressedModes extends ArrayList<String> {
        SuppressedModes() { addAll(List.of("list", "summary")); }
    }
}
