package dev.sandboxc.policy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxc.diag.Diagnostic;
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
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: the whole catalogue as rules (help
 * text, security-severity, tags), one result per finding with its region, a
 * fingerprint that survives unrelated edits, and suppressions. Paths stay relative
 * to where lint ran (uriBaseId %SRCROOT%), so no machine path leaks into the file.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String HELP_BASE = "https://github.com/sandboxc/sandboxc/blob/main/docs/rules/";

    private SarifReport() {}

    static String render(LintReport report) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "sandboxc");
        driver.put("informationUri", "https://github.com/sandboxc/sandboxc");
        driver.put("version", report.toolVersion());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (Rule r : Catalog.all()) {
            index.put(r.id(), index.size());
            rules.add(rule(r.info()));
        }

        ArrayNode results = run.putArray("results");
        ArrayNode notifications = JsonReport.MAPPER.createArrayNode();
        for (LintReport.FileResult file : report.files()) {
            if (file.problem() != null) {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", file.problem());
                n.putObject("descriptor").put("id", "unreadable");
                location(n.putArray("locations").addObject().putObject("physicalLocation"), file.path(), null);
            }
            for (Diagnostic d : file.errors()) {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", d.message() + (d.help() == null ? "" : " (hint: " + d.help() + ")"));
                n.putObject("descriptor").put("id", d.code());
                location(n.putArray("locations").addObject().putObject("physicalLocation"), d.span().source().name(), d.span());
            }
            Map<String, Integer> seen = new HashMap<>();
            for (Finding f : file.findings()) results.add(result(f, index, seen));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", !report.couldNotRun());
        invocation.set("toolExecutionNotifications", notifications);
        run.put("columnKind", "utf16CodeUnits");
        return JsonReport.pretty(root);
    }

    private static ObjectNode rule(RuleInfo r) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("name", camel(r.summary()));
        o.putObject("shortDescription").put("text", r.summary());
        o.putObject("fullDescription").put("text", r.rationale());
        o.put("helpUri", HELP_BASE + r.id() + ".md");
        ObjectNode help = o.putObject("help");
        help.put("text", r.rationale() + "\n\nFix: " + r.fix() + "\n\nReferences:\n- " + String.join("\n- ", r.references()));
        help.put("markdown", "**" + r.summary() + "** (" + r.severity().label() + ")\n\n" + r.rationale()
                + "\n\n**Fix.** " + r.fix() + "\n\nReported:\n\n```\n" + r.bad().stripTrailing() + "\n```\n\nReferences:\n\n- "
                + String.join("\n- ", r.references()));
        o.putObject("defaultConfiguration").put("level", r.severity().sarifLevel());
        ObjectNode props = o.putObject("properties");
        props.put("security-severity", r.severity().securitySeverity());
        props.put("precision", "high");
        props.put("problem.severity", switch (r.severity().sarifLevel()) {
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "recommendation";
        });
        ArrayNode tags = props.putArray("tags");
        tags.add("security");
        tags.add("sandbox");
        tags.add(r.area().toLowerCase(Locale.ROOT));
        return o;
    }

    private static ObjectNode result(Finding f, Map<String, Integer> index, Map<String, Integer> seen) {
        ObjectNode o = JsonReport.MAPPER.createObjectNode();
        o.put("ruleId", f.rule().id());
        o.put("ruleIndex", index.get(f.rule().id()));
        o.put("level", f.severity().sarifLevel());
        o.putObject("message").put("text", f.message());
        location(o.putArray("locations").addObject().putObject("physicalLocation"), f.span().source().name(), f.span());
        // Rule and line text, not line number: the alert follows its line when lines above it change.
        String line = f.span().source().lineText(f.span().line()).strip();
        String key = f.rule().id() + "\0" + f.span().source().name() + "\0" + line;
        int occurrence = seen.merge(key, 1, Integer::sum);
        o.putObject("partialFingerprints").put("primaryLocationLineHash", hash(f.rule().id() + "\0" + line) + ":" + occurrence);
        ObjectNode props = o.putObject("properties");
        props.put("security-severity", f.severity().securitySeverity());
        props.put("severity", f.severity().label());
        if (f.sandbox() != null) props.put("sandbox", f.sandbox());
        if (f.suppressed()) {
            Suppression s = f.suppression();
            ObjectNode so = o.putArray("suppressions").addObject();
            so.put("kind", s.kind().sarifKind());
            so.put("status", "accepted");
            so.put("justification", s.justification());
            ObjectNode sp = so.putObject("properties");
            if (s.owner() != null) sp.put("owner", s.owner());
            if (s.until() != null) sp.put("until", s.until().toString());
            sp.put("at", s.where().location());
        }
        return o;
    }

    private static void location(ObjectNode physical, String path, Span span) {
        ObjectNode artifact = physical.putObject("artifactLocation");
        artifact.put("uri", uri(path));
        artifact.put("uriBaseId", "%SRCROOT%");
        if (span == null) return;
        ReportModel.Region r = ReportModel.Region.of(span);
        ObjectNode region = physical.putObject("region");
        region.put("startLine", r.line());
        region.put("startColumn", r.column());
        region.put("endLine", r.endLine());
        region.put("endColumn", r.endColumn());
        region.putObject("snippet").put("text", span.source().lineText(span.line()));
    }

    /** A relative URI reference for a path as the user wrote it: '/' separators, the rest percent-encoded. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) p = p.substring(2);
        StringBuilder b = new StringBuilder();
        for (byte c : p.getBytes(StandardCharsets.UTF_8)) {
            // RFC 3986 unreserved characters and '/' stay; everything else (':' included) is encoded.
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    private static String camel(String summary) {
        StringBuilder b = new StringBuilder();
        for (String w : summary.split("[^A-Za-z0-9]+")) {
            if (w.isEmpty()) continue;
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
