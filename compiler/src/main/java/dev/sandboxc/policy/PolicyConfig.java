package dev.sandboxc.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sandboxc.model.Source;
import dev.sandboxc.model.Span;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy settings of a project, from `.sandboxc.yaml`: a profile, a failure
 * threshold, resource budgets, per-rule severities (or off) and exemptions.
 * Exemptions are the only way to set aside a critical finding, and each names
 * what it exempts, why (statement), who answers for it (owner) and until when.
 *
 * <pre>
 * profile: default            # or strict
 * fail-on: high
 * budget: { memory: 16 GiB, vcpus: 8, timeout: 4 h }
 * rules:
 *   SBX-SUPPLY-001: off
 *   SBX-RES-001: medium
 * exemptions:
 *   - rule: SBX-SHARE-001
 *     path: "sandboxes/legacy-*.sandbox"
 *     sandbox: legacy
 *     statement: "home share until the data moves to /srv/data"
 *     owner: "alice@example.com"
 *     expires: 2027-03-31
 * </pre>
 */
public final class PolicyConfig {
    public static final String FILE_NAME = ".sandboxc.yaml";

    /** Resource ceilings; a sandbox asking for more is a finding (SBX-RES-002). */
    public record Budget(long memoryBytes, int vcpus, long timeoutSeconds) {}

    public record Exemption(String rule, String path, String sandbox, String statement, String owner,
                            LocalDate expires, Span span) {}

    /** A config file that cannot be used: lint exits 2 with this message. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) { super(message); }
    }

    private static final Budget DEFAULT_BUDGET = new Budget(32L << 30, 16, 8 * 3600);
    private static final Budget STRICT_BUDGET = new Budget(16L << 30, 8, 4 * 3600);

    private final Source source;
    private final Path dir;
    private final String profile;
    private final Severity failOn;
    private final Budget budget;
    private final Map<String, Severity> severities;
    private final Set<String> off;
    private final List<Exemption> exemptions;

    private PolicyConfig(Source source, Path dir, String profile, Severity failOn, Budget budget,
                         Map<String, Severity> severities, Set<String> off, List<Exemption> exemptions) {
        this.source = source;
        this.dir = dir;
        this.profile = profile;
        this.failOn = failOn;
        this.budget = budget;
        this.severities = Map.copyOf(severities);
        this.off = Set.copyOf(off);
        this.exemptions = List.copyOf(exemptions);
    }

    /** No config file: the catalogue as it is. */
    public static PolicyConfig defaults() {
        return new PolicyConfig(null, null, "default", null, DEFAULT_BUDGET, Map.of(), Set.of(), List.of());
    }

    public Source source() { return source; }
    public String profile() { return profile; }
    /** The threshold the file sets, or null to use the command's default. */
    public Severity failOn() { return failOn; }
    public Budget budget() { return budget; }
    public List<Exemption> exemptions() { return exemptions; }
    public boolean isOff(String rule) { return off.contains(rule); }

    /** The severity a finding gets: the config's for the rule, else what the rule said. */
    public Severity severity(String rule, Severity reported) { return severities.getOrDefault(rule, reported); }

    /** True when an exemption's path glob covers this .sandbox file. */
    public boolean covers(Exemption e, Path file) {
        if (e.path() == null) return true;
        if (file == null || dir == null) return false;
        Path rel;
        try {
            rel = dir.relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException ex) {
            return false;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + e.path());
        return m.matches(rel);
    }

    /** The nearest .sandboxc.yaml from {@code dir} upwards, not above the enclosing git work tree. */
    public static Path find(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) return candidate;
            if (Files.exists(p.resolve(".git"))) return null;
        }
        return null;
    }

    // ------------------------------------------------------------------ reading

    /** Reads a config file, named in findings relative to the working folder when it lies below it. */
    public static PolicyConfig load(Path file, Set<String> knownRules) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        String name = abs.startsWith(cwd) ? cwd.relativize(abs).toString().replace('\\', '/') : file.toString();
        return load(file, name, knownRules);
    }

    public static PolicyConfig load(Path file, String name, Set<String> knownRules) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(name + ": cannot read the config: " + e.getMessage());
        }
        Path abs = file.toAbsolutePath().normalize();
        return parse(new Source(name, abs, text), abs.getParent(), knownRules);
    }

    public static PolicyConfig parse(Source source, Path dir, Set<String> knownRules) throws ConfigException {
        Node root;
        try (JsonParser p = new YAMLFactory().createParser(source.text())) {
            JsonToken first = p.nextToken();
            root = first == null ? new Node(Map.of(), 1, 1) : read(p, source.name());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(source.name() + ": not valid YAML: " + msg);
        }
        return new Reader(source, dir, knownRules).config(root);
    }

    /**
     * A YAML value with where it starts (a String, a Map of Nodes or a List of Nodes)
     * and, for mapping values, where its key starts.
     */
    record Node(Object value, int line, int column, int keyLine, int keyColumn) {
        Node(Object value, int line, int column) { this(value, line, column, line, column); }

        Node key() { return new Node(value, keyLine, keyColumn); }
    }

    private static Node read(JsonParser p, String name) throws IOException, ConfigException {
        var loc = p.currentTokenLocation();
        int line = loc.getLineNr(), col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                var kloc = p.currentTokenLocation();
                if (map.containsKey(key)) {
                    throw new ConfigException(name + ":" + kloc.getLineNr() + ":" + kloc.getColumnNr() + ": '" + key
                            + "' is given twice; keep one");
                }
                p.nextToken();
                Node v = read(p, name);
                map.put(key, new Node(v.value, v.line, v.column, kloc.getLineNr(), kloc.getColumnNr()));
            }
            return new Node(map, line, col);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p, name));
            return new Node(list, line, col);
        }
        return new Node(t == JsonToken.VALUE_NULL ? null : p.getText(), line, col);
    }

    private static final class Reader {
        private final Source source;
        private final Path dir;
        private final Set<String> knownRules;

        Reader(Source source, Path dir, Set<String> knownRules) {
            this.source = source;
            this.dir = dir;
            this.knownRules = knownRules;
        }

        private ConfigException error(Node at, String message) {
            return new ConfigException(source.name() + ":" + at.line() + ":" + at.column() + ": " + message);
        }

        private Span span(Node n) {
            int line = Math.max(1, Math.min(n.line(), source.lineCount()));
            int start = source.lineStart(line) + Math.max(0, n.column() - 1);
            int end = source.lineStart(line) + source.lineText(line).length();
            start = Math.min(start, end);
            return source.span(start, end);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Node> map(Node n, String what) throws ConfigException {
            if (n.value() instanceof Map<?, ?> m) return (Map<String, Node>) m;
            throw error(n, what + " must be a mapping of keys to values");
        }

        private String text(Node n, String what) throws ConfigException {
            if (n.value() instanceof String s) return s;
            throw error(n, what + " must be a single value");
        }

        private void onlyKeys(Map<String, Node> m, String where, String... keys) throws ConfigException {
            for (var e : m.entrySet()) {
                if (!List.of(keys).contains(e.getKey())) {
                    throw error(e.getValue().key(), "unknown key '" + e.getKey() + "' in " + where + "; the keys are " + String.join(", ", keys));
                }
            }
        }

        PolicyConfig config(Node root) throws ConfigException {
            Map<String, Node> top = map(root, "the config");
            onlyKeys(top, "the config", "profile", "fail-on", "budget", "rules", "exemptions");
            String profile = "default";
            if (top.containsKey("profile")) {
                profile = text(top.get("profile"), "profile");
                if (!profile.equals("default") && !profile.equals("strict")) {
                    throw error(top.get("profile"), "unknown profile '" + profile + "'; the profiles are default and strict");
                }
            }
            boolean strict = profile.equals("strict");
            Severity failOn = strict ? Severity.MEDIUM : null;
            if (top.containsKey("fail-on")) failOn = severity(top.get("fail-on"), "fail-on");
            Budget budget = strict ? STRICT_BUDGET : DEFAULT_BUDGET;
            if (top.containsKey("budget")) budget = budget(map(top.get("budget"), "budget"), budget);
            Map<String, Severity> severities = new LinkedHashMap<>();
            Set<String> off = new java.util.TreeSet<>();
            if (top.containsKey("rules")) {
                for (var e : map(top.get("rules"), "rules").entrySet()) {
                    rule(e.getKey(), e.getValue().key());
                    String v = text(e.getValue(), e.getKey());
                    if (v.equals("off") || v.equals("false")) off.add(e.getKey());
                    else severities.put(e.getKey(), severity(e.getValue(), e.getKey()));
                }
            }
            List<Exemption> exemptions = new ArrayList<>();
            if (top.containsKey("exemptions")) {
                Node list = top.get("exemptions");
                if (!(list.value() instanceof List<?> items)) throw error(list, "exemptions must be a list");
                for (Object o : items) exemptions.add(exemption((Node) o));
            }
            return new PolicyConfig(source, dir, profile, failOn, budget, severities, off, exemptions);
        }

        private void rule(String id, Node at) throws ConfigException {
            if (!knownRules.contains(id)) {
                throw error(at, "unknown rule '" + id + "'; `sandboxc rules` lists them");
            }
        }

        private Severity severity(Node n, String what) throws ConfigException {
            String v = text(n, what);
            Severity s = Severity.parse(v);
            if (s == null) throw error(n, what + ": unknown severity '" + v + "'; write critical, high, medium, low, info"
                    + (what.startsWith("SBX-") ? " or off" : ""));
            return s;
        }

        private static final Pattern SIZE = Pattern.compile("(\\d{1,7})\\s*(MiB|GiB|TiB)");
        private static final Pattern TIME = Pattern.compile("(\\d{1,7})\\s*(s|min|h|d)");

        private Budget budget(Map<String, Node> m, Budget base) throws ConfigException {
            onlyKeys(m, "budget", "memory", "vcpus", "timeout");
            long memory = base.memoryBytes();
            int vcpus = base.vcpus();
            long timeout = base.timeoutSeconds();
            if (m.containsKey("memory")) {
                Matcher x = SIZE.matcher(text(m.get("memory"), "memory").trim());
                if (!x.matches()) throw error(m.get("memory"), "budget memory expects a size such as 16 GiB");
                long unit = switch (x.group(2)) { case "MiB" -> 1L << 20; case "GiB" -> 1L << 30; default -> 1L << 40; };
                memory = Long.parseLong(x.group(1)) * unit;
            }
            if (m.containsKey("vcpus")) {
                String v = text(m.get("vcpus"), "vcpus").trim();
                if (!v.matches("\\d{1,3}")) throw error(m.get("vcpus"), "budget vcpus expects a count such as 8");
                vcpus = Integer.parseInt(v);
            }
            if (m.containsKey("timeout")) {
                Matcher x = TIME.matcher(text(m.get("timeout"), "timeout").trim());
                if (!x.matches()) throw error(m.get("timeout"), "budget timeout expects a duration such as 4 h");
                long unit = switch (x.group(2)) { case "s" -> 1; case "min" -> 60; case "h" -> 3600; default -> 86400; };
                timeout = Long.parseLong(x.group(1)) * unit;
            }
            return new Budget(memory, vcpus, timeout);
        }

        private Exemption exemption(Node n) throws ConfigException {
            Map<String, Node> m = map(n, "an exemption");
            onlyKeys(m, "an exemption", "rule", "path", "sandbox", "statement", "owner", "expires");
            for (String required : List.of("rule", "statement", "owner", "expires")) {
                if (!m.containsKey(required) || m.get(required).value() == null
                        || text(m.get(required), required).isBlank()) {
                    throw error(n, "an exemption needs " + required + " (rule, statement, owner and expires are required)");
                }
            }
            String rule = text(m.get("rule"), "rule").toUpperCase(Locale.ROOT);
            rule(rule, m.get("rule"));
            LocalDate expires;
            try {
                expires = Dates.parse(text(m.get("expires"), "expires").trim());
            } catch (DateTimeParseException e) {
                throw error(m.get("expires"), "expires expects a date such as 2027-03-31");
            }
            String path = m.containsKey("path") ? text(m.get("path"), "path") : null;
            String sandbox = m.containsKey("sandbox") ? text(m.get("sandbox"), "sandbox") : null;
            return new Exemption(rule, path, sandbox, text(m.get("statement"), "statement").trim(),
                    text(m.get("owner"), "owner").trim(), expires, span(n));
        }
    }
}
