package dev.sandboxc.policy.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.Suppression;

/** For scripts: every file, finding and error, with positions, in a stable shape. */
final class JsonReport {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {}

    static String render(LintReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", report.toolVersion());
        root.put("failOn", report.failOn().label());
        root.put("exitCode", report.exitCode());
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.files().size());
        var counts = ReportModel.unsuppressedBySeverity(report);
        summary.put("findings", counts.values().stream().mapToInt(Integer::intValue).sum());
        summary.put("suppressed", ReportModel.suppressed(report));
        summary.put("failing", report.failing());
        ObjectNode by = summary.putObject("bySeverity");
        for (Severity s : Severity.values()) by.put(s.label(), counts.get(s));
        ArrayNode files = root.putArray("files");
        for (LintReport.FileResult file : report.files()) {
            ObjectNode f = files.addObject();
            f.put("path", file.path());
            f.put("linted", file.linted());
            if (file.problem() == null) f.putNull("problem");
            else f.put("problem", file.problem());
            ArrayNode errors = f.putArray("errors");
            for (Diagnostic d : file.errors()) {
                ObjectNode e = errors.addObject();
                e.put("code", d.code());
                e.put("severity", d.severity().label());
                e.put("message", d.message());
                position(e, d.span());
                e.put("hint", d.help());
            }
            ArrayNode findings = f.putArray("findings");
            for (Finding x : file.findings()) findings.add(finding(x));
        }
        return pretty(root);
    }

    static ObjectNode finding(Finding x) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rule", x.rule().id());
        o.put("severity", x.severity().label());
        o.put("summary", x.rule().summary());
        o.put("message", x.message());
        o.put("file", x.span().source().name());
        position(o, x.span());
        if (x.sandbox() == null) o.putNull("sandbox");
        else o.put("sandbox", x.sandbox());
        o.put("fix", x.rule().fix());
        o.put("suppressed", x.suppressed());
        if (!x.suppressed()) {
            o.putNull("suppression");
        } else {
            Suppression s = x.suppression();
            ObjectNode so = o.putObject("suppression");
            so.put("kind", s.kind() == Suppression.Kind.INLINE ? "inline" : "exemption");
            so.put("justification", s.justification());
            if (s.owner() == null) so.putNull("owner");
            else so.put("owner", s.owner());
            if (s.until() == null) so.putNull("until");
            else so.put("until", s.until().toString());
            so.put("at", s.where().location());
        }
        return o;
    }

    private static void position(ObjectNode o, dev.sandboxc.model.Span span) {
        if (span == null) {
            for (String k : new String[] {"line", "column", "endLine", "endColumn"}) o.putNull(k);
            return;
        }
        ReportModel.Region r = ReportModel.Region.of(span);
        o.put("line", r.line());
        o.put("column", r.column());
        o.put("endLine", r.endLine());
        o.put("endColumn", r.endColumn());
    }

    /** Two-space indentation and '\n' line ends on every platform, and a final newline. */
    static String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
