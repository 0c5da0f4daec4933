package dev.sandboxc.policy.rules;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Source;
import dev.sandboxc.model.Val;
import dev.sandboxc.policy.FileCheck;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SBX-SECRET-001: a value that looks like a key or token, anywhere in the file, comments included. */
final class LiteralSecret extends Rule {
    static final RuleInfo INFO = new RuleInfo("SBX-SECRET-001", Severity.CRITICAL,
            "Secret written into the file",
            "A .sandbox file is committed, reviewed, copied into the Nix store with the flake and read by the agent "
                    + "it configures. A key or token written in it (in a value or a comment) is leaked to all of "
                    + "them and must be revoked. Detected: API keys and tokens by their published shapes (Anthropic, "
                    + "OpenAI, GitHub, GitLab, Slack, AWS, Google, Hugging Face, npm, Stripe), private key blocks, "
                    + "JSON web tokens, and high-entropy values in secret positions (after --api-key, --token, "
                    + "--password and similar arguments).",
            List.of("DESIGN.md §5 (Secrets never enter the Nix store or a generated file)",
                    "CWE-798: Use of Hard-coded Credentials", "gitleaks and GitHub secret scanning token formats"),
            "Revoke the key, remove it from the file and from git history, and declare it as a secret read on the "
                    + "host at launch: `secret anthropic { from = env \"ANTHROPIC_API_KEY\" }` with "
                    + "`api-key = secret anthropic`.",
            """
            sandbox agent {
              agent claude-code {
                args = [ "--api-key", "sk-ant-api03-R2D2c3poBB8xWingYodaLeia0123456789abcdefABCDEF" ]
              }
            }
            """,
            """
            sandbox agent {
              agent claude-code { api-key = secret anthropic }
              secret anthropic { from = env "ANTHROPIC_API_KEY" }
              network { allow = [ "api.anthropic.com:443" ] }
            }
            """);

    /**
     * Published token shapes; each names what it is, and the fixed text every match
     * contains (one of {@code anchors}), so that a file without any is not scanned, and
     * the pattern is compiled only for the first file that holds an anchor.
     */
    private static final class Shape {
        final String what;
        private final String regex;
        private final List<String> anchors;
        private Pattern pattern;

        Shape(String what, String regex, String... anchors) {
            this.what = what;
            this.regex = regex;
            this.anchors = List.of(anchors);
        }

        boolean mayOccurIn(String text) {
            for (String a : anchors) if (text.contains(a)) return true;
            return false;
        }

        synchronized Pattern pattern() {
            if (pattern == null) pattern = Pattern.compile(regex);
            return pattern;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("an Anthropic API key", "sk-ant-[A-Za-z0-9_-]{20,}", "sk-ant-"),
            new Shape("an OpenAI API key", "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}", "sk-"),
            new Shape("a GitHub token", "gh[pousr]_[A-Za-z0-9]{36,}", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            new Shape("a GitHub fine-grained token", "github_pat_[A-Za-z0-9_]{22,}", "github_pat_"),
            new Shape("a GitLab token", "glpat-[A-Za-z0-9_-]{20,}", "glpat-"),
            new Shape("a Slack token", "xox[abposr]-[A-Za-z0-9-]{10,}", "xox"),
            new Shape("an AWS access key id", "(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}", "AKIA", "ASIA", "ABIA", "ACCA"),
            new Shape("a Google API key", "AIza[0-9A-Za-z_-]{35}", "AIza"),
            new Shape("a Hugging Face token", "hf_[A-Za-z0-9]{30,}", "hf_"),
            new Shape("an npm token", "npm_[A-Za-z0-9]{36}", "npm_"),
            new Shape("a Stripe secret key", "[sr]k_live_[A-Za-z0-9]{20,}", "k_live_"),
            new Shape("an age secret key", "AGE-SECRET-KEY-1[0-9A-Z]{50,}", "AGE-SECRET-KEY-1"),
            new Shape("a private key", "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", "-----BEGIN "),
            new Shape("a JSON web token", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", "eyJ"));

    /** Compiled on first need: most files give their agents no arguments. */
    private static final class Flags {
        private static final Pattern SECRET_FLAG = Pattern.compile("--?[A-Za-z0-9-]*(?:key|token|secret|password|passwd|pat)\\b",
                Pattern.CASE_INSENSITIVE);
    }

    @Override public RuleInfo info() { return INFO; }

    @Override public void checkFile(FileCheck check) {
        Source src = check.result().source();
        String text = src.text();
        Set<Integer> seen = new HashSet<>();
        for (Shape shape : SHAPES) {
            if (!shape.mayOccurIn(text)) continue;
            Matcher m = shape.pattern().matcher(text);
            while (m.find()) {
                if (!seen.add(m.start())) continue;
                check.report(src.span(m.start(), m.end()), "this looks like " + shape.what + " written into the file");
            }
        }
        // Values in secret positions: after --api-key, or as --token=VALUE.
        for (Sandbox s : check.result().sandboxes()) {
            for (Sandbox.Agent a : s.agents()) {
                List<Val<String>> args = a.args();
                for (int i = 0; i < args.size(); i++) {
                    String arg = args.get(i).value();
                    String value = null;
                    int eq = arg.indexOf('=');
                    if (arg.startsWith("-") && eq > 0 && Flags.SECRET_FLAG.matcher(arg.substring(0, eq)).matches()) {
                        value = arg.substring(eq + 1);
                    } else if (i > 0 && Flags.SECRET_FLAG.matcher(args.get(i - 1).value()).matches() && !arg.startsWith("-")) {
                        value = arg;
                    }
                    if (value != null && looksRandom(value) && seen.add(args.get(i).span().start())) {
                        check.report(args.get(i).span(), "agent " + a.name() + " gets a literal secret as an argument");
                    }
                }
            }
        }
    }

    /** Long enough and varied enough to be a generated credential rather than a word or a file name. */
    static boolean looksRandom(String v) {
        if (v.length() < 12 || v.startsWith("$") || v.startsWith("/") || v.contains(" ")) return false;
        return entropy(v) >= 3.0;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String v) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : v.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c < 128) counts[c]++;
            else other++;
        }
        double h = 0;
        for (int n : counts) if (n > 0) h -= (double) n / v.length() * (Math.log((double) n / v.length()) / Math.log(2));
        if (other > 0) h -= (double) other / v.length() * (Math.log((double) other / v.length()) / Math.log(2));
        return h;
    }
}
