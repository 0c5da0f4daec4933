package dev.sandboxc.policy.report;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.LiteralSecrets;
import dev.sandboxc.model.Span;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleInfo;
import dev.sandboxc.policy.Suppression;
import dev.sandboxc.policy.rules.Catalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: the whole catalogue as rules (help
 * text, security-severity, tags), one result per finding with its region, a
 * fingerprint that survives unrelated edits, and suppressions. Paths stay relative
 * to where lint ran (uriBaseId %SRCROOT%), so no machine path leaks into the file;
 * a path the user gave as absolute becomes a file: URI and nothing else.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String HELP_BASE = "https://github.com/sandboxc/sandboxc/blob/main/docs/rules/";
    static final String SRCROOT = "%SRCROOT%";
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]*)?");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:/.*");

    private SarifReport() {}

    static String render(LintReport report) {
        Json.Obj root = new Json.Obj();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        Json.Obj run = root.putArray("runs").addObject();
        Json.Obj driver = run.putObject("tool").putObject("driver");
        driver.put("name", "sandboxc");
        driver.put("informationUri", "https://github.com/sandboxc/sandboxc");
        if (SEMVER.matcher(report.toolVersion()).matches()) driver.put("semanticVersion", report.toolVersion());
        driver.put("version", report.toolVersion());

        // The catalogue in its order; a finding of a rule outside it (none today) still gets its entry, after them.
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        for (Rule r : Catalog.all()) rules.put(r.id(), r.info());
        for (LintReport.FileResult file : report.files()) {
            for (Finding f : file.findings()) rules.putIfAbsent(f.rule().id(), f.rule());
        }
        Map<String, Integer> index = new HashMap<>();
        Json.Arr ruleArray = driver.putArray("rules");
        for (RuleInfo r : rules.values()) {
            index.put(r.id(), index.size());
            ruleArray.add(rule(r));
        }

        Json.Arr results = run.putArray("results");
        Json.Arr notifications = new Json.Arr();
        for (LintReport.FileResult file : report.files()) {
            if (file.problem() != null) {
                Json.Obj n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", file.problem());
                location(n.putArray("locations").addObject().putObject("physicalLocation"), file.path(), null);
                n.putObject("descriptor").put("id", "unreadable");
            }
            for (Diagnostic d : file.errors()) {
                Json.Obj n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", d.message() + (d.help() == null || d.help().isEmpty() ? "" : " (hint: " + d.help() + ")"));
                location(n.putArray("locations").addObject().putObject("physicalLocation"),
                        d.span() == null ? file.path() : d.span().source().name(), d.span());
                n.putObject("descriptor").put("id", d.code());
            }
            Map<String, Integer> seen = new HashMap<>();
            for (Finding f : file.findings()) results.add(result(f, index.get(f.rule().id()), seen));
        }
        Json.Obj invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", !report.couldNotRun());
        invocation.set("toolExecutionNotifications", notifications);
        run.put("columnKind", "utf16CodeUnits");
        return Json.pretty(root);
    }

    private static Json.Obj rule(RuleInfo r) {
        Json.Obj o = new Json.Obj();
        o.put("id", r.id());
        o.put("name", camel(r.summary()));
        o.putObject("shortDescription").put("text", r.summary());
        o.putObject("fullDescription").put("text", r.rationale());
        Json.Obj help = o.putObject("help");
        StringBuilder text = new StringBuilder(r.rationale()).append("\n\nFix: ").append(r.fix());
        StringBuilder markdown = new StringBuilder("**").append(r.summary()).append("** (").append(r.severity().label())
                .append(")\n\n").append(r.rationale()).append("\n\n**Fix.** ").append(r.fix());
        if (r.bad() != null && !r.bad().isBlank()) {
            String fence = r.bad().contains("```") ? "~~~~" : "```";
            markdown.append("\n\nReported:\n\n").append(fence).append('\n').append(r.bad().stripTrailing()).append('\n').append(fence);
        }
        if (!r.references().isEmpty()) {
            text.append("\n\nReferences:");
            markdown.append("\n\nReferences:\n");
            for (String ref : r.references()) {
                text.append("\n- ").append(ref);
                markdown.append("\n- ").append(ref);
            }
        }
        help.put("text", text.toString());
        help.put("markdown", markdown.toString());
        o.put("helpUri", HELP_BASE + r.id() + ".md");
        o.putObject("defaultConfiguration").put("level", r.severity().sarifLevel());
        Json.Obj props = o.putObject("properties");
        props.put("security-severity", r.severity().securitySeverity());
        Json.Arr tags = props.putArray("tags");
        tags.add("security");
        tags.add("sandbox");
        tags.add(r.area().toLowerCase(Locale.ROOT));
        props.put("precision", "high");
        props.put("problem.severity", switch (r.severity().sarifLevel()) {
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "recommendation";
        });
        return o;
    }

    private static Json.Obj result(Finding f, int ruleIndex, Map<String, Integer> seen) {
        Json.Obj o = new Json.Obj();
        o.put("ruleId", f.rule().id());
        o.put("ruleIndex", ruleIndex);
        o.put("level", f.severity().sarifLevel());
        o.putObject("message").put("text", f.message());
        location(o.putArray("locations").addObject().putObject("physicalLocation"), f.span().source().name(), f.span());
        // Rule and line text, not line number: the alert follows its line when lines above it change.
        String line = LiteralSecrets.maskLine(f.span().source(), f.span().line()).strip();
        String key = f.rule().id() + "\0" + f.span().source().name() + "\0" + line;
        int occurrence = seen.merge(key, 1, Integer::sum);
        o.putObject("partialFingerprints").put("primaryLocationLineHash", hash(f.rule().id() + "\0" + line) + ":" + occurrence);
        Json.Obj props = o.putObject("properties");
        props.put("security-severity", f.severity().securitySeverity());
        props.put("severity", f.severity().label());
        if (f.sandbox() != null) props.put("sandbox", f.sandbox());
        if (f.suppressed()) {
            Suppression s = f.suppression();
            Json.Obj so = o.putArray("suppressions").addObject();
            so.put("kind", s.kind().sarifKind());
            so.put("status", "accepted");
            so.put("justification", s.justification());
            Json.Obj sp = so.putObject("properties");
            if (s.owner() != null) sp.put("owner", s.owner());
            if (s.until() != null) sp.put("until", s.until().toString());
            if (s.where() != null) sp.put("at", s.where().location());
        }
        return o;
    }

    private static void location(Json.Obj physical, String path, Span span) {
        Json.Obj artifact = physical.putObject("artifactLocation");
        String uri = uri(path);
        artifact.put("uri", uri);
        if (!uri.startsWith("file:")) artifact.put("uriBaseId", SRCROOT);
        if (span == null) return;
        ReportModel.Region r = ReportModel.Region.of(span);
        Json.Obj region = physical.putObject("region");
        region.put("startLine", r.line());
        region.put("startColumn", r.column());
        region.put("endLine", r.endLine());
        region.put("endColumn", r.endColumn());
        region.putObject("snippet").put("text", LiteralSecrets.maskLine(span.source(), span.line()));
    }

    /**
     * The path as the user wrote it, as a URI reference: '/' separators, everything but
     * RFC 3986 unreserved characters percent-encoded (':' too, so no segment reads as a
     * scheme). Relative paths stay relative (to %SRCROOT%); an absolute one, which the
     * user typed, becomes a file: URI.
     */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) p = p.substring(2);
        if (p.startsWith("//")) return "file:" + encode(p);                         // UNC: file://host/share/…
        if (p.startsWith("/")) return "file://" + encode(p);
        if (WINDOWS_ABSOLUTE.matcher(p).matches()) return "file:///" + p.substring(0, 2) + encode(p.substring(2));
        return encode(p);
    }

    private static String encode(String p) {
        StringBuilder b = new StringBuilder();
        for (byte c : p.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    /** "Host system folder shared with the guest" → HostSystemFolderSharedWithTheGuest. */
    static String camel(String summary) {
        StringBuilder b = new StringBuilder();
        for (String w : summary.split("[^A-Za-z0-9]+")) {
            if (w.isEmpty()) continue;
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    /** The first 16 hex digits of the SHA-256 of the text. */
    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
