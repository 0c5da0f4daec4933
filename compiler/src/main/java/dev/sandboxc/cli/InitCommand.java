package dev.sandboxc.cli;

import dev.sandboxc.Frontend;
import dev.sandboxc.check.Suggest;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.model.AgentKind;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.syntax.Formatter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Writes a starting .sandbox file for the repository it is run in.",
                "", "The agent from --agent, with its API key as a secret read from",
                "the environment; the project shared read-only; a writable",
                "outbox for the agent's results; the git host of the origin",
                "remote and the agent's API endpoint on the network allowlist.",
                "It compiles, and lint passes it without a suppression.",
                "An existing file is never overwritten."},
        footer = {"", "Examples:", "  sandboxc init --agent claude-code", "  sandboxc init --agent codex --name reviewer",
                "", "Exit status: 0 written, 1 the file exists, 2 usage error."})
final class InitCommand implements Callable<Integer> {

    @Option(names = "--agent", required = true, paramLabel = "KIND", completionCandidates = CompletionCommand.Agents.class,
            description = "claude-code, gemini-cli, codex, opencode, aider or goose")
    String agent;

    @Option(names = "--name", paramLabel = "NAME", description = "the sandbox's name (default: agent)")
    String name = "agent";

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the file to write (default: NAME.sandbox here)")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the agent's results land on the host: a folder that ignores its own content. */
    static final String OUTBOX = ".sandbox-outbox";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentKind kind = AgentKind.find(agent);
        if (kind == null) {
            List<String> prefixed = AgentKind.ids().stream().filter(id -> id.startsWith(agent.toLowerCase(Locale.ROOT))).toList();
            String near = prefixed.size() == 1 ? prefixed.get(0) : Suggest.closest(agent, AgentKind.ids());
            throw ViaPicocli.usage(spec, "unknown agent '" + agent + "'"
                    + (near != null ? "; did you mean '" + near + "'?" : "; the agents are " + String.join(", ", AgentKind.ids())));
        }
        if (!NAME.matcher(name).matches()) {
            throw ViaPicocli.usage(spec, "invalid sandbox name '" + name + "': lower-case letters, digits and '-', starting with a letter");
        }
        Path target = file != null ? file : Path.of(name + ".sandbox");
        Path dir = Inputs.canonical(target).getParent();
        String gitHost = originHost(dir);
        String text;
        try {
            // In the layout fmt writes, so the pre-commit fmt hook passes it as written.
            Formatter.Result formatted = Formatter.format(new Source(target.toString(), null, template(kind, name, gitHost)));
            if (!formatted.formatted()) throw new IllegalStateException("init's template does not parse: " + formatted.errors());
            text = formatted.text();
            verify(text, target);
        } catch (IllegalStateException e) {
            err.println("sandboxc: internal error: " + e.getMessage() + " (please report this)");
            return Main.USAGE;
        }
        try {
            Files.createDirectories(dir);
            writeNew(target, text.getBytes(StandardCharsets.UTF_8));
            Path outbox = dir.resolve(OUTBOX);
            Files.createDirectories(outbox);
            Path ignore = outbox.resolve(".gitignore");
            if (!Files.exists(ignore)) Files.writeString(ignore, "# what the agent hands back: never committed from here\n*\n");
        } catch (FileAlreadyExistsException e) {
            err.println("sandboxc: error: " + target + " exists; init never overwrites a file");
            err.println("  = hint: give another file (sandboxc init --agent " + agent + " other.sandbox) or edit the one there");
            return Main.INVALID;
        } catch (IOException e) {
            err.println("sandboxc: error: cannot write " + target + ": " + IoErrors.describe(e));
            return Main.USAGE;
        }
        String shown = Inputs.displayName(target);
        out.println("wrote " + shown + " (" + kind.id() + (gitHost != null ? ", git host " + gitHost : ", no origin remote")
                + ", outbox " + OUTBOX + "/)");
        out.println("  next: export " + kind.apiKeyEnv() + "=...   sandboxc compile " + shown);
        return Main.OK;
    }

    /**
     * The starting file. The one place the layout lives: the safest the language has today
     * is the project shared read-only and a writable outbox that holds nothing the host runs
     * or trusts (a writable project share lets the guest rewrite .git, the .sandbox file and
     * the flake: SBX-SHARE-007).
     */
    static String template(AgentKind kind, String name, String gitHost) {
        String secret = kind.apiKeyEnv().replace("_API_KEY", "").toLowerCase(Locale.ROOT);
        List<String> allow = new ArrayList<>(kind.domains());
        if (gitHost != null && !allow.contains(gitHost + ":443")) allow.add(gitHost + ":443");
        boolean newer = AgentKind.release("nixos-" + kind.since()) > AgentKind.release("nixos-25.05");
        StringBuilder b = new StringBuilder();
        b.append("# ").append(name).append(".sandbox: written by sandboxc init; see docs/language.md for every setting.\n");
        b.append("# The agent reads the project at /workspace and cannot change it. To hand work back it\n");
        b.append("# writes into /outbox (").append(OUTBOX).append("/ here, which git ignores), for example:\n");
        b.append("#   git clone /workspace ~/work && cd ~/work   ...   git format-patch -o /outbox origin/HEAD\n");
        b.append("sandbox ").append(name).append(" {\n");
        if (newer) b.append("  nixpkgs = \"nixos-").append(kind.since()).append("\"   # the first release that packages ").append(kind.id()).append('\n');
        b.append("  resources { memory = 8 GiB; vcpus = 4; timeout = 60 min }\n\n");
        b.append("  agent ").append(kind.id()).append(" {\n");
        b.append("    autonomy = full   # no permission prompts: only inside the VM\n");
        b.append("    api-key  = secret ").append(secret).append('\n');
        b.append("  }\n");
        b.append("  secret ").append(secret).append(" { from = env \"").append(kind.apiKeyEnv()).append("\" }   # read on the host at each start\n\n");
        b.append("  share project {\n    source = \".\"\n    mount  = /workspace\n  }\n");
        b.append("  share outbox {\n    source = \"").append(OUTBOX).append("\"\n    mount  = /outbox\n    access = read-write\n  }\n\n");
        b.append("  network {\n    allow = [");
        for (String a : allow) b.append(" \"").append(a).append('"');
        b.append(" ]");
        if (gitHost != null) b.append("   # the agent's API, and git over https to the origin's host");
        b.append("\n  }\n}\n");
        return b.toString();
    }

    /** The git host of the origin remote of the repository holding {@code dir}, or null. */
    static String originHost(Path dir) {
        Path top = GitTree.workTreeOf(dir);
        if (top == null) return null;
        String url = GitTree.originUrl(top);
        return url == null ? null : hostOf(url);
    }

    private static final Pattern URL = Pattern.compile("(?i)(?:https?|ssh|git)://(?:[^@/]*@)?([^/:]+)(?::\\d+)?/.*");
    private static final Pattern SCP = Pattern.compile("(?:[^@/:]+@)?([^/:]+):(?!//).*");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    /**
     * github.com from https://github.com/o/r.git, git@github.com:o/r.git, ssh://git@host:2222/o/r;
     * null for a local path or a host that is an address (a raw IP on the allowlist is a finding).
     */
    static String hostOf(String url) {
        Matcher m = URL.matcher(url.trim());
        String host = m.matches() ? m.group(1) : null;
        if (host == null) {
            Matcher s = SCP.matcher(url.trim());
            if (s.matches() && !url.startsWith("/") && !url.startsWith(".")) host = s.group(1);
        }
        if (host == null) return null;
        host = host.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches() || host.matches("[0-9.]+")) return null;
        return host;
    }

    /** The template must compile and pass lint at the default threshold with no suppression; a bug if not. */
    private static void verify(String text, Path target) {
        Source source = new Source(target.toString(), Inputs.canonical(target), text);
        Frontend.Result r = Frontend.analyze(source);
        if (!r.ok()) {
            throw new IllegalStateException("init wrote a file that does not compile: "
                    + r.diagnostics().sorted().stream().map(Diagnostic::message).toList());
        }
        List<Finding> failing = new dev.sandboxc.policy.Policy(PolicyConfig.defaults(), java.time.LocalDate.now(java.time.ZoneOffset.UTC), null)
                .evaluate(r).stream().filter(f -> f.fails(Severity.HIGH)).toList();
        if (!failing.isEmpty()) throw new IllegalStateException("init wrote a file lint fails: " + failing.stream().map(f -> f.rule().id()).toList());
    }

    /** Written whole under a temporary name, then linked into place: never over an existing file, never half. */
    private static void writeNew(Path target, byte[] content) throws IOException {
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new FileAlreadyExistsException(target.toString());
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".sandboxc-tmp");
        Files.deleteIfExists(tmp);
        Files.write(tmp, content, java.nio.file.StandardOpenOption.CREATE_NEW);
        try {
            Files.createLink(abs, tmp);
        } catch (UnsupportedOperationException e) {
            Files.copy(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
