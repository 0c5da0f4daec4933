package dev.sandboxc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs, executed. Every command a user is told to run (a ```sh block of README.md or
 * docs/*.md) is run by bash in a temporary clone of this repository, in order, as the page
 * says; where the page shows what it prints (the ```text block after it), the output is
 * compared. A command that cannot run here is listed in {@link #NOT_RUN} with the reason,
 * and a command in neither place fails the test.
 *
 * <p>The used-by lines are the heart of it: `sandboxc init` and `sandboxc compile
 * agent.sandbox` at the root of a fresh git repository, then the flake as Nix's git fetcher
 * sees it (what `nix develop .#agent` reads); and pre-commit set up exactly as docs/ci.md
 * says (Debian's pre-commit, hooks from a clone of this repository), refusing a bad commit
 * with the rule shown and taking a good one.
 */
class DocsIT {
    static final Path ROOT = TestSupport.root();
    static final String PROJECT_URL = "https://github.com/sandboxc/sandboxc";

    /** Commands that are not run here, and why. Anything else in a ```sh block runs. */
    static final Map<Pattern, String> NOT_RUN = new LinkedHashMap<>();

    static {
        NOT_RUN.put(Pattern.compile("mvn -B -ntp verify.*"), "the build that runs this test");
        NOT_RUN.put(Pattern.compile("nix develop .*"), "needs Nix's binary cache (or hours of building), the network and KVM;"
                + " what it reads, the flake as git shows it to Nix, is checked instead");
        NOT_RUN.put(Pattern.compile("(sandbox-up|cd /workspace|claude-code|agent-task|nix run \\.#agent-task|sandbox-audit) ?.*"),
                "needs the VM that nix develop builds and boots");
        NOT_RUN.put(Pattern.compile("(SANDBOXC_JAVA=\\S+ )?bench/run.*|mvn -B -ntp -DskipTests package && java -jar bench/jmh.*"),
                "a benchmark of minutes whose figures are the machine's; docs/performance.md reports them");
        NOT_RUN.put(Pattern.compile("apt-get install .*"), "changes the machine; .ci/run installs what the tests need");
    }

    @TempDir
    static Path tmp;

    static Path source;
    static Path jar;
    static Map<String, String> env;

    /** A temporary repository holding this tree as it is (tracked and new files), on branch main. */
    @BeforeAll
    static void cloneTheRepository() throws IOException, InterruptedException {
        jar = ROOT.resolve("compiler/target/sandboxc.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
        // Named as the project is, so `git clone URL` makes a folder named sandboxc.
        source = tmp.resolve("upstream/sandboxc");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(tmp.resolve("gitconfig"), "[user]\n\tname = Docs Test\n\temail = docs@sandboxc.invalid\n"
                + "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
        env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("GIT_CONFIG_GLOBAL", tmp.resolve("gitconfig").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-cache").toString());
        // The launcher in pre-commit's clone builds with Maven: from the repository this build uses.
        env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + Path.of(System.getProperty("user.home"), ".m2", "repository"));
        env.put("PATH", home.resolve(".local/bin") + ":" + System.getenv("PATH"));
        env.put("TERM", "dumb");
        String files = run(ROOT, "git ls-files -co --exclude-standard -z").stdout();
        for (String f : files.split("\0")) {
            if (f.isEmpty() || !Files.isRegularFile(ROOT.resolve(f))) continue;
            Path to = source.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(ROOT.resolve(f), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        run(source, "git init -q && git add -A && git commit -q -m 'this tree, for the docs test'");
    }

    /** The jar this build made, into a clone, newer than its sources: the launcher then does not build it again. */
    static String jarInto(String clone) {
        return "mkdir -p " + clone + "/compiler/target && cp '" + jar + "' " + clone + "/compiler/target/sandboxc.jar && touch "
                + clone + "/compiler/target/sandboxc.jar";
    }

    record Block(int line, List<String> commands, String expected) {}

    /** The ```sh blocks of a page, each with the ```text block right after it, if any. */
    static List<Block> blocks(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```sh")) continue;
            int start = i;
            List<String> commands = new ArrayList<>();
            for (i++; !lines.get(i).equals("```"); i++) commands.add(lines.get(i));
            String expected = null;
            int j = i + 1;
            while (j < lines.size() && lines.get(j).isBlank()) j++;
            if (j < lines.size() && lines.get(j).equals("```text")) {
                StringBuilder b = new StringBuilder();
                for (j++; !lines.get(j).equals("```"); j++) b.append(lines.get(j)).append('\n');
                expected = b.toString();
            }
            out.add(new Block(start + 1, commands, expected));
        }
        return out;
    }

    /** The command of a line, its comment dropped. */
    static String command(String line) {
        String c = line.replaceAll("\\s+#\\s.*$", "").strip();
        return c.startsWith("#") ? "" : c;
    }

    static String notRun(String command) {
        for (var e : NOT_RUN.entrySet()) if (e.getKey().matcher(command).matches()) return e.getValue();
        return null;
    }

    /**
     * Runs a page's blocks in one bash, from {@code cwd}; {@code rewrite} may replace a command
     * (the project's URL by the temporary repository). Returns each block's stdout.
     */
    static List<String> runPage(Path page, Path cwd, java.util.function.UnaryOperator<String> rewrite) throws Exception {
        List<Block> blocks = blocks(page);
        StringBuilder script = new StringBuilder("set -euo pipefail\ncd '" + cwd + "'\n");
        for (int b = 0; b < blocks.size(); b++) {
            script.append("echo '@@block ").append(b).append("'\n");
            for (String line : blocks.get(b).commands()) {
                String c = command(line);
                if (c.isEmpty()) continue;
                String why = notRun(c);
                script.append(why != null ? ": not run: " + c.replace("'", "") : rewrite.apply(c)).append('\n');
            }
        }
        script.append("echo '@@end'\n");
        Exec e = run(cwd, script.toString());
        String where = ROOT.relativize(page).toString();
        if (e.status() != 0) fail(where + ": a command failed (" + e.status() + ")\nstdout:\n" + e.stdout() + "\nstderr:\n" + e.stderr());
        List<String> outputs = new ArrayList<>();
        String[] parts = e.stdout().split("@@block \\d+\n", -1);
        for (int b = 0; b < blocks.size(); b++) {
            String out = parts[b + 1];
            if (b == blocks.size() - 1) out = out.substring(0, out.indexOf("@@end\n"));
            outputs.add(out);
            String expected = blocks.get(b).expected();
            if (expected != null) assertEquals(expected, out, where + ":" + blocks.get(b).line() + ": what the page says it prints");
        }
        return outputs;
    }

    // ------------------------------------------------------------------ the pages

    @Test
    void everyCommandOfEveryPageIsRunOrSaysWhy() throws IOException {
        List<Path> pages = pages();
        int commands = 0;
        List<String> unknown = new ArrayList<>();
        for (Path page : pages) {
            for (Block b : blocks(page)) {
                for (String line : b.commands()) if (!command(line).isEmpty()) commands++;
            }
            // A command in a block the test does not run (``` with no language) would escape it.
            String text = Files.readString(page);
            for (String bare : List.of("\n```\nsandboxc ", "\n```\n./sandboxc ", "\n```\ngit ", "\n```\nnix ", "\n```\ncd ")) {
                if (text.contains(bare)) unknown.add(ROOT.relativize(page) + ": a command in a ``` block without sh: " + bare.strip());
            }
        }
        assertEquals(List.of(), unknown);
        assertTrue(commands > 20, "found " + commands + " commands in " + pages);
        // Each page with commands has its test below.
        for (Path page : pages) {
            if (!blocks(page).isEmpty()) {
                assertTrue(List.of("README.md", "getting-started.md", "ci.md", "performance.md").contains(page.getFileName().toString()),
                        page + " has commands but no test runs them");
            }
        }
    }

    static List<Path> pages() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** README: the set-up, and installing sandboxc onto the PATH with its man pages and completion. */
    @Test
    void readme() throws Exception {
        Path clone = freshClone("readme");
        List<String> out = runPage(ROOT.resolve("README.md"), clone, c -> c);
        assertTrue(Files.isRegularFile(clone.resolve("out/agent/flake.nix")));
        Path home = Path.of(env.get("HOME"));
        assertTrue(Files.isSymbolicLink(home.resolve(".local/bin/sandboxc")));
        // From anywhere, through the link, as a user types it.
        Exec version = run(tmp, "sandboxc --version");
        assertEquals(0, version.status(), version.stderr());
        assertTrue(version.stdout().startsWith("sandboxc "), version.stdout());
        assertTrue(Files.isRegularFile(home.resolve(".local/share/man/man1/sandboxc-lint.1")));
        if (TestSupport.commandAvailable("man")) {
            Exec man = run(tmp, "man -w sandboxc-lint");
            assertEquals(home.resolve(".local/share/man/man1/sandboxc-lint.1").toString(), man.stdout().strip(),
                    "man finds the page beside the PATH entry: " + man.stderr());
        }
        assertTrue(Files.readString(home.resolve(".local/share/bash-completion/completions/sandboxc")).contains("_complete_sandboxc"));
        assertTrue(Files.readString(home.resolve(".config/fish/completions/sandboxc.fish")).contains("complete -c sandboxc"));
        assertFalse(out.isEmpty());
    }

    /**
     * getting-started: the fresh clone, the example compiled, `sandboxc init` and `sandboxc compile
     * agent.sandbox` at the root of a new git repository, and the flake as Nix would read it.
     */
    @Test
    void gettingStarted() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("gs-home"));
        Path project = Files.createDirectories(home.resolve("src/your-project"));
        run(project, "git init -q && git remote add origin https://github.com/acme/widgets.git && echo '# widgets' > README.md"
                + " && git add README.md && git commit -q -m start");
        Map<String, String> saved = new LinkedHashMap<>(env);
        env.put("HOME", home.toString());
        env.put("PATH", home.resolve("sandboxc") + ":" + saved.get("PATH"));
        try {
            runPage(ROOT.resolve("docs/getting-started.md"), home, c -> c.startsWith("git clone " + PROJECT_URL)
                    ? c.replace(PROJECT_URL, source.toString()) + " && " + jarInto(".") : c);
        } finally {
            env.clear();
            env.putAll(saved);
        }
        // The used-by line: what nix develop .#agent reads is the flake as git shows it to Nix.
        JsonNode manifest = new ObjectMapper().readTree(project.resolve("sandboxc.json").toFile());
        List<String> files = new ArrayList<>();
        manifest.get("files").fieldNames().forEachRemaining(files::add);
        assertTrue(files.contains("flake.nix") && files.contains("nix/agent.nix"), files.toString());
        Exec tracked = run(project, "git ls-files");
        for (String f : files) assertTrue(tracked.stdout().lines().anyMatch(f::equals), f + " is not known to git:\n" + tracked.stdout());
        if (TestSupport.nixAvailable()) {
            Path store = tmp.resolve("nix-store");
            Path registry = tmp.resolve("registry.json");
            Files.writeString(registry, "{\"flakes\":[],\"version\":2}");
            Exec prefetch = run(project, "NIX_CONFIG=$'experimental-features = nix-command flakes\\nflake-registry = " + registry
                    + "' nix flake prefetch --store '" + store + "' --json .");
            assertEquals(0, prefetch.status(), prefetch.stderr());
            String storePath = new ObjectMapper().readTree(prefetch.stdout()).get("storePath").asText();
            Path copied = Path.of(store + storePath);
            for (String f : files) assertTrue(Files.isRegularFile(copied.resolve(f)), f + " is not in the flake Nix reads: " + copied);
        }
    }

    /**
     * ci.md: pre-commit set up as the page says, with the hooks from a clone of this
     * repository: autoupdate pins a commit that exists, a bad file is refused with its rule
     * shown, a good one goes in. The hooks' launcher builds the compiler in pre-commit's cache.
     */
    @Test
    void ciPreCommit() throws Exception {
        assertTrue(TestSupport.commandAvailable("pre-commit") || !"1".equals(System.getenv("SANDBOXC_REQUIRE_NIX")),
                "pre-commit is not installed");
        org.junit.jupiter.api.Assumptions.assumeTrue(TestSupport.commandAvailable("pre-commit"), "pre-commit is not installed");
        Path project = Files.createDirectories(tmp.resolve("ci-project"));
        run(project, "git init -q && git remote add origin https://github.com/acme/widgets.git");
        String page = Files.readString(ROOT.resolve("docs/ci.md"));
        int at = page.indexOf("```yaml\n# .pre-commit-config.yaml\n");
        assertTrue(at > 0, "docs/ci.md has the .pre-commit-config.yaml");
        String config = page.substring(at + "```yaml\n".length(), page.indexOf("```", at + 7));
        assertTrue(config.contains("rev: main"), config);
        Files.writeString(project.resolve(".pre-commit-config.yaml"), config.replace(PROJECT_URL, source.toString()));
        run(project, "git add .pre-commit-config.yaml && git commit -q -m 'pre-commit'");
        // The pre-commit commands of the page, the URL being the clone's.
        List<Block> blocks = blocks(ROOT.resolve("docs/ci.md"));
        assertEquals(1, blocks.size(), "ci.md's commands are pre-commit's");
        for (String line : blocks.get(0).commands()) {
            Exec e = run(project, command(line).replace(PROJECT_URL, source.toString()));
            assertEquals(0, e.status(), line + "\n" + e.stdout() + e.stderr());
        }
        String pinned = Files.readString(project.resolve(".pre-commit-config.yaml"));
        java.util.regex.Matcher rev = Pattern.compile("rev: ([0-9a-f]{40})").matcher(pinned);
        assertTrue(rev.find(), "autoupdate pins a commit:\n" + pinned);
        assertEquals(run(source, "git rev-parse main").stdout().strip(), rev.group(1), "the commit main points at");
        assertEquals(0, run(source, "git cat-file -e " + rev.group(1) + "^{commit}").status());
        assertTrue(Files.isRegularFile(project.resolve(".git/hooks/pre-commit")), "pre-commit install");

        // A bad file: the home folder shared. Refused, the rule shown.
        Files.writeString(project.resolve("bad.sandbox"), "sandbox bad {\n  share home {\n    source = \"~\"\n    mount  = /home/agent/h\n  }\n}\n");
        run(project, "git add bad.sandbox");
        Exec refused = run(project, "git commit -m 'a bad sandbox'");
        assertTrue(refused.status() != 0, "the commit must be refused:\n" + refused.stdout() + refused.stderr());
        String said = refused.stdout() + refused.stderr();
        assertTrue(said.contains("SBX-SHARE-001"), said);
        assertTrue(said.contains("sandboxc lint") && said.contains("Failed"), said);
        run(project, "git rm -q --cached bad.sandbox && rm bad.sandbox");

        // A good one: init's, compiled (by the launcher of a clone: the hooks need none on the PATH), added. Every hook passes.
        String sandboxc = "'" + source.resolve("sandboxc") + "'";
        Exec good = run(project, jarInto("'" + source + "'") + " && " + sandboxc + " init --agent claude-code && " + sandboxc
                + " compile agent.sandbox && git add -A && git commit -m 'a sandbox'");
        assertEquals(0, good.status(), good.stdout() + good.stderr());
        String passed = good.stdout() + good.stderr();
        for (String hook : List.of("sandboxc lint", "sandboxc fmt", "sandboxc flake is up to date")) {
            assertTrue(Pattern.compile(Pattern.quote(hook) + "\\.+Passed").matcher(passed).find(), hook + ":\n" + passed);
        }
    }

    /** performance.md: its commands are benchmarks, every one listed as not run; nothing else there. */
    @Test
    void performance() throws Exception {
        for (Block b : blocks(ROOT.resolve("docs/performance.md"))) {
            for (String line : b.commands()) {
                String c = command(line);
                if (!c.isEmpty()) assertNotNull(notRun(c), "performance.md: " + c + " is neither run nor said why not");
            }
        }
    }

    /** README's and getting-started's pages run in a clone of their own. */
    static Path freshClone(String name) throws IOException, InterruptedException {
        Path clone = tmp.resolve(name);
        Exec e = run(tmp, "git clone -q '" + source + "' " + name + " && " + jarInto(name));
        assertEquals(0, e.status(), e.stderr());
        Files.setLastModifiedTime(clone.resolve("compiler/target/sandboxc.jar"), FileTime.fromMillis(System.currentTimeMillis()));
        return clone;
    }

    record Exec(int status, String stdout, String stderr) {}

    /** bash -c SCRIPT in {@code dir}, with the test's environment; 20 minutes at most (a first build included). */
    static Exec run(Path dir, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
        if (env != null) pb.environment().putAll(env);
        pb.environment().remove("SANDBOXC_TODAY");
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("timed out: " + script);
        }
        return new Exec(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
