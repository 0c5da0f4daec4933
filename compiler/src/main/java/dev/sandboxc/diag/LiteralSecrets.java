package dev.sandboxc.diag;

import dev.sandboxc.model.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys and tokens written where they must not be, and how sandboxc shows text that holds
 * one: never as written. Rule SBX-SECRET-001 reports what {@link #find} finds; every
 * renderer masks it ({@link #maskLine}, {@link #redact}), so no output of sandboxc prints
 * a secret back, whatever message, snippet or report format carries it.
 *
 * <p>Found: API keys and tokens by their published shapes, private key blocks (through
 * their END line), JSON web tokens, and high-entropy values in secret positions of a
 * .sandbox file (a string after "--api-key", "--token" and the like, or "--token=VALUE").
 * The value of {@code initial-password} is masked too (it is SBX-SECRET-005's finding).
 */
public final class LiteralSecrets {
    private LiteralSecrets() {}

    /**
     * One secret in a text.
     *
     * @param what     "an Anthropic API key", for the finding's message
     * @param keep     how many leading characters stay visible: the public prefix of a shape
     *                 ("sk-ant-"), never any of the secret part
     * @param reported whether SBX-SECRET-001 reports it (a password is another rule's)
     */
    public record Match(int start, int end, String what, int keep, boolean reported) {}

    /**
     * A published token shape: what it is, and the fixed text every match starts with (one
     * of {@code anchors}), so that a text without any is not scanned, and the pattern is
     * compiled only for the first text that holds an anchor.
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

        /** The anchor a match starts with: the part of it that is public. */
        int keep(String match) {
            int keep = 0;
            for (String a : anchors) {
                int at = match.indexOf(a);
                if (at >= 0 && at + a.length() > keep && at <= 2) keep = at + a.length();
            }
            return keep;
        }

        synchronized Pattern pattern() {
            if (pattern == null) pattern = Pattern.compile(regex);
            return pattern;
        }
    }

    private static final Shape PRIVATE_KEY = new Shape("a private key",
            "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", "-----BEGIN ");

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
            PRIVATE_KEY,
            new Shape("a JSON web token", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", "eyJ"));

    /** The END line that closes a private key block. */
    private static final class End {
        static final Pattern PATTERN = Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----");
    }

    /** Arguments after which a value is a credential; compiled on first need. */
    private static final class Flags {
        static final Pattern SECRET_FLAG = Pattern.compile("--?[A-Za-z0-9-]*(?:key|token|secret|password|passwd|pat)\\b",
                Pattern.CASE_INSENSITIVE);
        static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=._~-]+");
        static final Pattern PASSWORD_KEY = Pattern.compile("initial-password\\s*=\\s*$");
    }

    /** Every secret in {@code text}, in order; a .sandbox file's secret positions included. */
    public static List<Match> find(String text) {
        List<Match> found = new ArrayList<>();
        shapes(text, found);
        positions(text, found);
        found.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        // A match inside another (a token inside a private key block) is that one.
        List<Match> out = new ArrayList<>();
        int end = -1;
        for (Match m : found) {
            if (m.start() >= end) {
                out.add(m);
                end = m.end();
            }
        }
        return out;
    }

    private static void shapes(String text, List<Match> found) {
        for (Shape shape : SHAPES) {
            if (!shape.mayOccurIn(text)) continue;
            Matcher m = shape.pattern().matcher(text);
            while (m.find()) {
                int end = m.end();
                if (shape == PRIVATE_KEY) {
                    Matcher e = End.PATTERN.matcher(text).region(end, Math.min(text.length(), end + 16_384));
                    if (e.find()) end = e.end();
                }
                found.add(new Match(m.start(), end, shape.what, shape.keep(m.group()), true));
            }
        }
    }

    /** A string literal of a .sandbox file: where its content starts and ends. */
    private record Literal(int start, int end, String content) {}

    /**
     * Values in secret positions, found in the text itself (not the model, so a file with
     * errors is judged too): "--api-key", "VALUE" and "--token=VALUE" in any list of
     * strings, and the value of initial-password.
     */
    private static void positions(String text, List<Match> found) {
        if (text.indexOf('"') < 0) return;
        List<Literal> literals = literals(text);
        for (int i = 0; i < literals.size(); i++) {
            Literal l = literals.get(i);
            String v = l.content();
            int eq = v.indexOf('=');
            if (v.startsWith("-") && eq > 0 && Flags.SECRET_FLAG.matcher(v.substring(0, eq)).matches()) {
                String value = v.substring(eq + 1);
                if (looksRandom(value)) found.add(new Match(l.start() + eq + 1, l.end(), "a literal secret as an argument", 0, true));
            } else if (i > 0 && !v.startsWith("-") && looksRandom(v) && Flags.SECRET_FLAG.matcher(literals.get(i - 1).content()).matches()) {
                found.add(new Match(l.start(), l.end(), "a literal secret as an argument", 0, true));
            }
            int lineStart = text.lastIndexOf('\n', Math.max(0, l.start() - 2)) + 1;
            if (l.start() - 1 > lineStart && Flags.PASSWORD_KEY.matcher(text.substring(lineStart, l.start() - 1)).find() && !v.isEmpty()) {
                found.add(new Match(l.start(), l.end(), "a password", 0, false));
            }
        }
    }

    /** The string literals of a .sandbox text, comments skipped; escapes left as written. */
    private static List<Literal> literals(String text) {
        List<Literal> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '"') {
                int start = ++i;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') i += text.charAt(i) == '\\' ? 2 : 1;
                int end = Math.min(i, n);
                out.add(new Literal(start, end, text.substring(start, end)));
                i++;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Long enough, token-shaped and varied enough to be a generated credential rather than a word or a path. */
    public static boolean looksRandom(String v) {
        if (v.length() < 12 || v.startsWith("$") || v.startsWith("/") || !Flags.TOKEN.matcher(v).matches()) return false;
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

    // ------------------------------------------------------------------ showing text

    /** {@code s} with every character from {@code keep} on a '*', line breaks kept: as long as it was, so carets still line up. */
    public static String mask(String s, int keep) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(i < keep || c == '\n' || c == '\r' ? c : '*');
        }
        return b.toString();
    }

    /**
     * Line {@code line} (1-based) of {@code source} as it may be shown: every secret that
     * touches it masked, those that began on an earlier line (a key block) included.
     */
    public static String maskLine(Source source, int line) {
        String text = source.lineText(line);
        List<Match> matches = matchesOf(source);
        if (matches.isEmpty()) return text;
        int lineStart = source.lineStart(line);
        int lineEnd = lineStart + text.length();
        char[] chars = text.toCharArray();
        for (Match m : matches) {
            if (m.end() <= lineStart || m.start() >= lineEnd) continue;
            for (int i = Math.max(m.start(), lineStart); i < Math.min(m.end(), lineEnd); i++) {
                if (i - m.start() >= m.keep()) chars[i - lineStart] = '*';
            }
        }
        return new String(chars);
    }

    private static Source lastSource;
    private static List<Match> lastMatches;

    /** The matches of a source; the last one is kept, as reports show one file's lines after another. */
    private static synchronized List<Match> matchesOf(Source source) {
        if (source != lastSource) {
            lastMatches = find(source.text());
            lastSource = source;
        }
        return lastMatches;
    }

    /**
     * Any text about to be shown, with every published key shape in it masked, and every one
     * of {@code known} (values found in secret positions of the inputs, which no shape
     * describes) too.
     */
    public static String redact(String text, Collection<String> known) {
        String out = text;
        boolean any = false;
        for (Shape shape : SHAPES) {
            if (shape.mayOccurIn(out)) {
                any = true;
                break;
            }
        }
        if (any) {
            StringBuilder b = new StringBuilder(out);
            for (Match m : find(out)) {
                if (m.what().equals("a literal secret as an argument") || m.what().equals("a password")) continue;
                b.replace(m.start(), m.end(), mask(out.substring(m.start(), m.end()), m.keep()));
            }
            out = b.toString();
        }
        for (String k : known) {
            if (out.contains(k)) out = out.replace(k, mask(k, 0));
        }
        return out;
    }

    /**
     * The secrets in {@code text} as strings to mask wherever they turn up in output, line by
     * line for a block: {@link #redact} finds shapes again by itself, but not a value that was
     * a secret only for where it stood.
     */
    public static List<String> values(String text) {
        List<String> out = new ArrayList<>();
        for (Match m : find(text)) {
            String secret = text.substring(m.start(), m.end());
            // A block is shown line by line (and, in a string, between "\n" escapes).
            for (String part : secret.split("\\\\n|\\r?\\n")) {
                if (part.length() >= 8 && !part.startsWith("-----")) out.add(part);
            }
        }
        return out;
    }
}
