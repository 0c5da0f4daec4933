package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A literal secret is SBX-SECRET-001 wherever it is written, and no output of sandboxc
 * prints it back: canary keys of every shape SBX-SECRET-001 knows, in every position a
 * user might paste one (a comment, a secret's source, an argument, a name, a key, a
 * domain, a suppression's reason, a broken string, the policy file), through compile,
 * lint in all five formats (stdout and files), fmt (--check, --diff, -) and check. No
 * eight characters in a row of a canary's secret part may appear in any of it.
 */
class NoSecretEchoTest {
    @TempDir
    Path tmp;

    /** A canary: its text, and how much of its start is public (the shape's prefix). */
    record Canary(String what, String text, int keep) {
        String secretPart() { return text.substring(keep); }
    }

    static final Random RANDOM = new Random(12);

    static String random(int n, String alphabet) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return b.toString();
    }

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static final List<Canary> SHAPES = List.of(
            new Canary("Anthropic", "sk-ant-api03-" + random(40, ALNUM), 7),
            new Canary("OpenAI", "sk-proj-" + random(40, ALNUM), 3),
            new Canary("GitHub", "ghp_" + random(36, ALNUM), 4),
            new Canary("GitHub fine-grained", "github_pat_" + random(30, ALNUM), 11),
            new Canary("GitLab", "glpat-" + random(20, ALNUM), 6),
            new Canary("Slack", "xoxb-" + random(24, ALNUM), 3),
            new Canary("AWS", "AKIA" + random(16, UPPER), 4),
            new Canary("Google", "AIza" + random(35, ALNUM), 4),
            new Canary("Hugging Face", "hf_" + random(34, ALNUM), 3),
            new Canary("npm", "npm_" + random(36, ALNUM), 4),
            new Canary("Stripe", "sk_live_" + random(24, ALNUM), 8),
            new Canary("age", "AGE-SECRET-KEY-1" + random(58, UPPER), 16),
            new Canary("JWT", "eyJ" + random(20, ALNUM) + ".eyJ" + random(20, ALNUM) + "." + random(24, ALNUM), 3));

    /** Where a key can be pasted; {@code %s} is the key. {@code yaml}: the policy file beside it, if any. */
    record Position(String name, String sandbox, String yaml, boolean reported) {}

    static final String HOME_SHARE = "  share h {\n    source = \"~/data\"\n    mount  = /h\n  }\n";

    static List<Position> positions() {
        return List.of(
                new Position("comment", "sandbox a {\n  agent aider { }\n  # token: %s\n}\n", null, true),
                // Past the 120 columns a snippet shows: the window must not cut a key in half and show the half.
                new Position("far along a long line", "sandbox a {\n  agent aider { args = [ \"" + "x".repeat(100) + " %s "
                        + "y".repeat(100) + "\" ] }\n}\n", null, true),
                new Position("from as a string", "sandbox a {\n  agent aider { api-key = secret k }\n  secret k { from = \"%s\" }\n}\n", null, true),
                new Position("from env", "sandbox a {\n  agent aider { api-key = secret k }\n  secret k { from = env \"%s\" }\n}\n", null, true),
                new Position("from file", "sandbox a {\n  agent aider { api-key = secret k }\n  secret k { from = file \"%s\" }\n}\n", null, true),
                new Position("after --api-key", "sandbox a {\n  agent aider { args = [ \"--api-key\", \"%s\" ] }\n}\n", null, true),
                new Position("--token=", "sandbox a {\n  agent aider { args = [ \"--token=%s\" ] }\n}\n", null, true),
                new Position("an argument", "sandbox a {\n  agent aider { args = [ \"%s\" ] }\n}\n", null, true),
                new Position("git name", "sandbox a {\n  agent aider { }\n  user agent { git { name = \"%s\"; email = \"a@b.c\" } }\n}\n", null, true),
                new Position("allowed domain", "sandbox a {\n  agent aider { }\n  network { allow = [ \"%s\" ] }\n}\n", null, true),
                new Position("share source", "sandbox a {\n  agent aider { }\n  share s {\n    source = \"%s\"\n    mount  = /s\n  }\n}\n", null, true),
                new Position("a bare word", "sandbox a {\n  agent aider { }\n  hypervisor = %s\n}\n", null, true),
                new Position("a key", "sandbox a {\n  agent aider { }\n  %s = 1\n}\n", null, true),
                new Position("a broken string", "sandbox a {\n  agent aider { args = [ \"%s ] }\n}\n", null, true),
                new Position("a suppression's reason", "sandbox a {\n  agent aider { }\n  # sandboxc:ignore SBX-RES-001 reason=\"%s\"\n"
                        + "  resources { memory = 4 GiB }\n}\n", null, true),
                new Position("the policy file", "sandbox a {\n  agent aider { }\n" + HOME_SHARE + "}\n",
                        "exemptions:\n  - rule: SBX-SHARE-001\n    statement: \"%s\"\n    owner: \"%s\"\n    expires: 2999-01-01\n", false));
    }

    static Position position(String name) {
        return positions().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void noCanaryOfAnyShapeIsPrintedFromAnyPosition() throws IOException {
        int runs = 0;
        for (Canary c : SHAPES) {
            for (Position p : positions()) runs += check(c, p);
        }
        // A high-entropy value no shape describes is a secret where it stands: after a flag.
        Canary plain = new Canary("a value after --api-key", random(32, ALNUM), 0);
        runs += check(plain, position("after --api-key"));
        runs += check(plain, position("--token="));
        // A private key block, in a comment over several lines and in a string on one.
        String body = random(64, ALNUM) + "\n" + random(64, ALNUM);
        Canary block = new Canary("private key", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----", 0);
        runs += check(block, new Position("a key block in comments",
                "sandbox a {\n  agent aider { }\n%s}\n", null, true));
        runs += check(new Canary("private key", block.text().replace("\n", "\\n"), 0), position("an argument"));
        assertTrue(runs > 2000, "ran " + runs);
    }

    /** Runs every command and format on the canary at the position; returns how many outputs were looked at. */
    private int check(Canary c, Position p) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "c");
        String text = p.name().equals("a key block in comments")
                ? p.sandbox().formatted(c.text().lines().map(l -> "  # " + l + "\n").reduce("", String::concat))
                : p.sandbox().formatted(c.text());
        Path file = dir.resolve("a.sandbox");
        Files.writeString(file, text);
        if (p.yaml() != null) Files.writeString(dir.resolve(".sandboxc.yaml"), p.yaml().formatted(c.text(), c.text()));
        String f = file.toString();
        String label = c.what() + " in " + p.name();
        Map<String, String> outputs = new LinkedHashMap<>();
        List<List<String>> commands = new ArrayList<>(List.of(
                List.of("compile", f, "-o", dir.resolve("out").toString()),
                List.of("compile", "--check", f, "-o", dir.resolve("out").toString()),
                List.of("check", f),
                List.of("fmt", "--check", f),
                List.of("fmt", "--diff", f)));
        for (String format : List.of("text", "json", "sarif", "junit", "github")) commands.add(List.of("lint", "--format", format, f));
        List<String> all = new ArrayList<>(List.of("lint"));
        for (String format : List.of("text", "json", "sarif", "junit", "github")) {
            all.addAll(List.of("--format", format, "--output", dir.resolve("report." + format).toString()));
        }
        all.add(f);
        commands.add(all);
        for (List<String> command : commands) {
            Result r = run(command, "");
            outputs.put(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " (stdout)", r.out);
            outputs.put(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " (stderr)", r.err);
            if (command.get(0).equals("lint") && command.size() == 4 && command.contains("text") && p.reported()) {
                assertTrue(r.out.contains("SBX-SECRET-001"), label + ": lint does not report it:\n" + r.out);
            }
            if (command.get(0).equals("compile") && command.size() == 4) {
                assertEquals(p.reported() ? 1 : 0, r.status == 0 ? 0 : 1, label + ": compile\n" + r.err);
                if (p.reported()) assertTrue(r.err.contains("SBX-SECRET-001"), label + ": compile does not report it:\n" + r.err);
            }
        }
        for (String format : List.of("text", "json", "sarif", "junit", "github")) {
            outputs.put("report." + format, Files.readString(dir.resolve("report." + format)));
        }
        Result stdin = run(List.of("fmt", "-"), text);
        outputs.put("fmt - (stdout)", stdin.out);
        outputs.put("fmt - (stderr)", stdin.err);
        if (p.reported()) assertEquals(1, stdin.status, label + ": fmt - must refuse\n" + stdin.err);
        for (Map.Entry<String, String> o : outputs.entrySet()) assertNoPartOf(c, o.getValue(), label + ", " + o.getKey());
        return outputs.size();
    }

    static void assertNoPartOf(Canary c, String output, String where) {
        String secret = c.secretPart();
        for (String part : secret.split("\\\\n|\n")) {
            // A key block's BEGIN and END lines are public; its body is the secret.
            if (part.startsWith("-----")) continue;
            for (int i = 0; i + 8 <= part.length(); i++) {
                String window = part.substring(i, i + 8);
                if (output.contains(window)) fail(where + ": prints '" + window + "' of the canary:\n" + output);
            }
        }
    }

    record Result(int status, String out, String err) {}

    static Result run(List<String> args, String stdin) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }
}
