package dev.sandboxc.policy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.rules.Catalog;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** json, sarif, junit and github: well-formed, counted right, escaped, SARIF valid against the 2.1.0 schema. */
class ReportFormatsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Findings of every kind: failing, below the threshold, suppressed; hostile text in values and paths. */
    static final String MIXED = """
            sandbox "a" {
              share h { source = "/etc/x,y:z%<&>\\"q"; mount = /h }
              network {
                # sandboxc:ignore SBX-NET-009 reason="ssh <&> \\"quoted\\", 100% sure: yes"
                allow = [ "git.example.com:22" ]
              }
              user agent { initial-password = "line1\\nline2" }
            }
            """.replace("sandbox \"a\"", "sandbox a");
    static final String BROKEN = "sandbox b {\n  memory = = 3\n}\n";

    static LintReport report() {
        List<LintReport.FileResult> files = new ArrayList<>();
        Frontend.Result ok = Frontend.analyze(TestSupport.source("dir/we ird,name:1.sandbox", MIXED));
        assertTrue(ok.ok(), TestSupport.render(ok));
        List<Finding> f = new Policy(PolicyConfig.defaults(), LocalDate.of(2026, 11, 23), null).evaluate(ok);
        files.add(new LintReport.FileResult("dir/we ird,name:1.sandbox", ok.source(), f, List.of(), null));
        Frontend.Result bad = Frontend.analyze(TestSupport.source("bad.sandbox", BROKEN));
        List<Diagnostic> errors = bad.diagnostics().sorted().stream().filter(Diagnostic::isError).toList();
        assertFalse(errors.isEmpty());
        files.add(new LintReport.FileResult("bad.sandbox", bad.source(), List.of(), errors, null));
        files.add(new LintReport.FileResult("gone.sandbox", null, List.of(), List.of(), "gone.sandbox: no such file"));
        return new LintReport(files, Severity.HIGH, "test");
    }

    static long count(LintReport r, java.util.function.Predicate<Finding> p) {
        return r.files().stream().flatMap(x -> x.findings().stream()).filter(p).count();
    }

    @Test
    void jsonCountsAndCarriesEverything() throws Exception {
        LintReport r = report();
        JsonNode j = JSON.readTree(ReportFormat.JSON.render(r));
        assertEquals(2, j.get("exitCode").asInt());
        assertEquals(count(r, x -> !x.suppressed()), j.at("/summary/findings").asLong());
        assertEquals(1, j.at("/summary/suppressed").asLong());
        JsonNode first = j.at("/files/0");
        assertEquals("dir/we ird,name:1.sandbox", first.get("path").asText());
        assertTrue(first.get("findings").toString().contains("SBX-SHARE-003"));
        JsonNode sup = null;
        for (JsonNode x : first.get("findings")) if (x.get("suppressed").asBoolean()) sup = x;
        assertEquals("ssh <&> \"quoted\", 100% sure: yes", sup.at("/suppression/justification").asText());
        assertFalse(j.at("/files/1/linted").asBoolean());
        assertTrue(j.at("/files/1/errors/0/code").asText().startsWith("E"));
        assertEquals("gone.sandbox: no such file", j.at("/files/2/problem").asText());
    }

    @Test
    void sarifIsValidAgainstTheSchema() throws Exception {
        String sarif = ReportFormat.SARIF.render(report());
        assertEquals(List.of(), validate(JSON.readTree(sarif)));
        // Also a report with nothing wrong, and the examples as lint sees them.
        assertEquals(List.of(), validate(JSON.readTree(ReportFormat.SARIF.render(new LintReport(List.of(), Severity.HIGH, "t")))));
    }

    @Test
    void theSchemaCheckCatchesBrokenSarif() throws Exception {
        ObjectNode sarif = (ObjectNode) JSON.readTree(ReportFormat.SARIF.render(report()));
        sarif.put("version", "9");
        assertFalse(validate(sarif).isEmpty(), "a wrong version must not validate");
        ObjectNode again = (ObjectNode) JSON.readTree(ReportFormat.SARIF.render(report()));
        ((ObjectNode) again.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(validate(again).isEmpty(), "an unknown level must not validate");
    }

    @Test
    void sarifHasWhatCodeScanningNeeds() throws Exception {
        LintReport r = report();
        JsonNode run = JSON.readTree(ReportFormat.SARIF.render(r)).at("/runs/0");
        assertEquals(Catalog.all().size(), run.at("/tool/driver/rules").size());
        for (JsonNode rule : run.at("/tool/driver/rules")) {
            assertFalse(rule.at("/help/markdown").asText().isBlank());
            assertTrue(rule.at("/properties/security-severity").asDouble() >= 0);
        }
        JsonNode results = run.get("results");
        assertEquals(count(r, x -> true), results.size());
        int suppressed = 0;
        for (JsonNode res : results) {
            assertEquals(res.get("ruleId").asText(), run.at("/tool/driver/rules/" + res.get("ruleIndex").asInt() + "/id").asText());
            assertTrue(res.at("/partialFingerprints/primaryLocationLineHash").asText().matches("[0-9a-f]{16}:\\d+"));
            assertEquals("dir/we%20ird%2Cname%3A1.sandbox", res.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
            assertTrue(res.at("/locations/0/physicalLocation/region/startLine").asInt() >= 1);
            if (res.has("suppressions")) {
                suppressed++;
                assertEquals("inSource", res.at("/suppressions/0/kind").asText());
            }
        }
        assertEquals(1, suppressed);
        assertFalse(run.at("/invocations/0/executionSuccessful").asBoolean());
        assertEquals(r.files().get(1).errors().size() + 1, run.at("/invocations/0/toolExecutionNotifications").size());
    }

    @Test
    void junitIsWellFormedAndCounted() throws Exception {
        LintReport r = report();
        String xml = ReportFormat.JUNIT.render(r);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals(3, doc.getElementsByTagName("testsuite").getLength());
        assertEquals(count(r, x -> x.fails(Severity.HIGH)), Long.parseLong(root.getAttribute("failures")));
        assertEquals(doc.getElementsByTagName("failure").getLength(), Integer.parseInt(root.getAttribute("failures")));
        assertEquals(2, Integer.parseInt(root.getAttribute("errors")));
        assertEquals(1, Integer.parseInt(root.getAttribute("skipped")));
        assertEquals(doc.getElementsByTagName("testcase").getLength(), Integer.parseInt(root.getAttribute("tests")));
        assertTrue(xml.contains("ssh &lt;&amp;&gt; &quot;quoted&quot;"), xml);
    }

    @Test
    void githubCommandsAreEscaped() {
        String out = ReportFormat.GITHUB.render(report());
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("::") || l.startsWith("sandboxc: ")), out);
        assertTrue(out.contains("::error file=dir/we ird%2Cname%3A1.sandbox,line="), out);
        assertTrue(out.contains("::notice file=dir/we ird%2Cname%3A1.sandbox"), "the suppressed finding is a notice");
        assertTrue(out.contains("100%25 sure: yes"), out);
        assertFalse(lines.stream().anyMatch(l -> l.contains("\r")));
        assertTrue(out.contains("::error file=gone.sandbox"), out);
    }

    @Test
    void formatsAreDeterministic() {
        for (ReportFormat f : ReportFormat.values()) assertEquals(f.render(report()), f.render(report()), f.label());
    }

    static List<String> validate(JsonNode sarif) throws Exception {
        try (InputStream schema = ReportFormatsTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
            Set<ValidationMessage> errors = s.validate(sarif);
            return errors.stream().map(ValidationMessage::toString).sorted().toList();
        }
    }
}
