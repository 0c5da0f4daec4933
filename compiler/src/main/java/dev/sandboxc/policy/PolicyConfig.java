package dev.sandboxc.policy;

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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

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
        return new Reader(source, dir, knownRules).config(Yaml.read(source));
    }

    /**
     * A YAML value with where it starts (a String, a Map of Nodes or a List of Nodes)
     * and, for mapping values, where its key starts.
     */
    record Node(Object value, int line, int column, int keyLine, int keyColumn) {
        Node(Object value, int line, int column) { this(value, line, column, line, column); }

        Node key() { return new Node(value, keyLine, keyColumn); }
    }

    /**
     * Reads the config into Nodes from SnakeYAML's event stream. Its low-level parser
     * alone: the object layer (tag resolution by regex, constructors) is what made
     * reading a ten-line config the largest part of a one-file lint. A config is plain
     * data, so what YAML offers beyond that is refused with a reason instead of being
     * half-supported: aliases, explicit tags, keys that are not scalars, more than one
     * document, and nesting deeper than any config needs.
     */
    static final class Yaml {
        static final int MAX_DEPTH = 32;

        private final Parser parser;
        private final String name;

        private Yaml(Parser parser, String name) {
            this.parser = parser;
            this.name = name;
        }

        static Node read(Source source) throws ConfigException {
            Yaml yaml = new Yaml(new ParserImpl(new StreamReader(source.text()), new LoaderOptions()), source.name());
            try {
                return yaml.document();
            } catch (MarkedYAMLException e) {
                Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
                throw new ConfigException(source.name() + (at == null ? "" : ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1))
                        + ": not valid YAML: " + firstLine(problem)
                        + (e.getContext() != null && e.getProblem() != null ? " (" + firstLine(e.getContext()) + ")" : ""));
            } catch (YAMLException | IllegalArgumentException | IndexOutOfBoundsException e) {
                // SnakeYAML's own limits (input size) and the odd internal failure on garbage.
                throw new ConfigException(source.name() + ": not valid YAML: " + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return (nl < 0 ? s : s.substring(0, nl)).strip();
        }

        /** The document's value; an empty file is an empty mapping. */
        private Node document() throws ConfigException {
            next(); // stream start
            if (parser.checkEvent(Event.ID.StreamEnd)) return new Node(Map.of(), 1, 1);
            next(); // document start
            Node root = value(next(), 0);
            next(); // document end
            // An empty document ("---" and comments) reads as null: that is an empty config too.
            if (root.value() == null) root = new Node(Map.of(), root.line(), root.column());
            if (parser.checkEvent(Event.ID.DocumentStart)) {
                throw error(parser.peekEvent(), "a second YAML document; a config is one document: remove this '---' and what follows it");
            }
            return root;
        }

        private Event next() {
            return parser.getEvent();
        }

        private Node value(Event e, int depth) throws ConfigException {
            if (depth > MAX_DEPTH) throw error(e, "nested more than " + MAX_DEPTH + " levels deep; a config needs four");
            if (e instanceof AliasEvent) {
                throw error(e, "an alias (*" + ((AliasEvent) e).getAnchor() + "); aliases are not supported in "
                        + FILE_NAME + ": write the value out");
            }
            String tag = e instanceof ScalarEvent s ? s.getTag() : e instanceof CollectionStartEvent c ? c.getTag() : null;
            if (tag != null && !tag.equals("!")) {
                // Said as written: SnakeYAML expands !!x to YAML's own prefix.
                String written = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
                throw error(e, "the tag '" + written + "'; tags are not supported in " + FILE_NAME + ": write plain values");
            }
            int line = e.getStartMark().getLine() + 1, col = e.getStartMark().getColumn() + 1;
            if (e instanceof MappingStartEvent) {
                Map<String, Node> map = new LinkedHashMap<>();
                for (Event k = next(); !k.is(Event.ID.MappingEnd); k = next()) {
                    if (!(k instanceof ScalarEvent key) || key.getTag() != null) {
                        throw error(k, "a key that is not a plain word; keys are names like 'rules' or 'SBX-NET-001'");
                    }
                    int kLine = k.getStartMark().getLine() + 1, kCol = k.getStartMark().getColumn() + 1;
                    if (map.containsKey(key.getValue())) {
                        throw new ConfigException(name + ":" + kLine + ":" + kCol + ": '" + key.getValue() + "' is given twice; keep one");
                    }
                    Node v = value(next(), depth + 1);
                    map.put(key.getValue(), new Node(v.value(), v.line(), v.column(), kLine, kCol));
                }
                return new Node(map, line, col);
            }
            if (e instanceof SequenceStartEvent) {
                List<Node> list = new ArrayList<>();
                for (Event item = next(); !item.is(Event.ID.SequenceEnd); item = next()) list.add(value(item, depth + 1));
                return new Node(list, line, col);
            }
            ScalarEvent s = (ScalarEvent) e;
            return new Node(isNull(s) ? null : s.getValue(), line, col);
        }

        /** YAML's null: a plain ~, null, Null, NULL or nothing at all (a quoted '' is a string). */
        private static boolean isNull(ScalarEvent s) {
            if (!s.getImplicit().canOmitTagInPlainScalar()) return false;
            return switch (s.getValue()) {
                case "", "~", "null", "Null", "NULL" -> true;
                default -> false;
            };
        }

        private ConfigException error(Event at, String message) {
            Mark m = at.getStartMark();
            return new ConfigException(name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + message);
        }
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
