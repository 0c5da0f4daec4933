package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.rules.Catalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inline suppressions and .sandboxc.yaml, with their failure modes. */
class SuppressionsAndConfigTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static List<Finding> lint(String text, PolicyConfig config) {
        Frontend.Result r = Frontend.analyze(TestSupport.source("t.sandbox", text));
        assertTrue(r.ok(), TestSupport.render(r));
        return new Policy(config, TODAY, null).evaluate(r);
    }

    static String ids(List<Finding> f) {
        // Files without a resources block also get SBX-RES-001; it is beside the point here.
        return String.join(" ", f.stream().filter(x -> !x.rule().id().equals("SBX-RES-001"))
                .map(x -> x.rule().id() + (x.suppressed() ? "(s)" : "")).toList());
    }

    static final String PASSWORD = "sandbox a {\n  user agent {\n%s    initial-password = \"x\"%s\n  }\n}\n";

    @Test
    void aCommentAboveOrOnTheLineSuppresses() {
        String above = PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-005 reason=\"test \\\"fixture\\\"\"\n", "");
        List<Finding> f = lint(above, PolicyConfig.defaults());
        assertEquals("SBX-SECRET-005(s)", ids(f));
        Finding pw = f.stream().filter(x -> x.rule().id().equals("SBX-SECRET-005")).findFirst().orElseThrow();
        assertEquals("test \"fixture\"", pw.suppression().justification());
        String trailing = PASSWORD.formatted("", "  # sandboxc:ignore SBX-NET-001, SBX-SECRET-005 reason=\"x\" until=2027-01-01");
        assertEquals("SBX-SECRET-005(s)", ids(lint(trailing, PolicyConfig.defaults())));
    }

    @Test
    void brokenSuppressionsSuppressNothingAndAreFindings() {
        assertEquals("SBX-META-001 SBX-SECRET-005",
                ids(lint(PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-005\n", ""), PolicyConfig.defaults())));
        assertEquals("SBX-META-002 SBX-SECRET-005",
                ids(lint(PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-05 reason=\"typo\"\n", ""), PolicyConfig.defaults())));
        assertEquals("SBX-META-003 SBX-SECRET-005",
                ids(lint(PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-005 reason=\"old\" until=2026-11-22\n", ""),
                        PolicyConfig.defaults())));
        assertEquals("SBX-SECRET-005(s)",
                ids(lint(PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-005 reason=\"today still counts\" until=2026-11-23\n", ""),
                        PolicyConfig.defaults())));
        assertEquals("SBX-META-001 SBX-SECRET-005",
                ids(lint(PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-005 reason=\"x\" until=tomorrow\n", ""),
                        PolicyConfig.defaults())));
        assertEquals("SBX-META-005 SBX-SECRET-005",
                ids(lint(PASSWORD.formatted("    # sandboxc:ignore SBX-SECRET-005 reason=\"wrong line\"\n\n    # other\n    git { name = \"x\" }\n", ""),
                        PolicyConfig.defaults())));
    }

    @Test
    void aHashInsideAStringIsNotASuppression() {
        String text = "sandbox a {\n  user agent { initial-password = \"# sandboxc:ignore SBX-SECRET-005 reason=\\\"x\\\"\" }\n}\n";
        assertEquals("SBX-SECRET-005", ids(lint(text, PolicyConfig.defaults())));
    }

    static PolicyConfig config(String yaml) throws PolicyConfig.ConfigException {
        return PolicyConfig.parse(new Source(".sandboxc.yaml", null, yaml), Path.of("/project"), Catalog.ids());
    }

    @Test
    void configSetsSeveritiesAndSwitchesRulesOff() throws Exception {
        String text = PASSWORD.formatted("", "");
        List<Finding> low = lint(text, config("rules:\n  SBX-SECRET-005: low\n"));
        assertEquals(Severity.LOW, low.stream().filter(x -> x.rule().id().equals("SBX-SECRET-005")).findFirst().orElseThrow().severity());
        assertEquals("", ids(lint(text, config("rules:\n  SBX-SECRET-005: off\n"))));
        assertEquals(Severity.MEDIUM, config("profile: strict\n").failOn());
        assertEquals(8L << 30, config("budget: { memory: 8 GiB }").budget().memoryBytes());
        assertEquals(16, config("budget: { memory: 8 GiB }").budget().vcpus(), "unset budget keys keep the profile's");
        assertEquals(null, config("").failOn());
    }

    @Test
    void exemptionsNeedAllTheirFieldsAndExpire() throws Exception {
        String text = PASSWORD.formatted("", "");
        String ok = "exemptions:\n  - rule: SBX-SECRET-005\n    statement: s\n    owner: o\n    expires: %s\n";
        assertEquals("SBX-SECRET-005(s)", ids(lint(text, config(ok.formatted("2026-12-01")))));
        List<Finding> expired = lint(text, config(ok.formatted("2026-01-01")));
        // The exemption's finding is in .sandboxc.yaml, which sorts before t.sandbox.
        assertEquals("SBX-META-003 SBX-SECRET-005", ids(expired));
        Finding meta = expired.stream().filter(f -> f.rule().id().equals("SBX-META-003")).findFirst().orElseThrow();
        assertEquals(".sandboxc.yaml:2:5", meta.span().location());
    }

    @Test
    void badConfigsSayWhereAndWhat() {
        record Case(String yaml, String message) {}
        for (Case c : List.of(
                new Case("profile: lax\n", ".sandboxc.yaml:1:10: unknown profile 'lax'"),
                new Case("rules:\n  SBX-XYZ-001: off\n", ".sandboxc.yaml:2:3: unknown rule 'SBX-XYZ-001'"),
                new Case("rules:\n  SBX-NET-001: severe\n", "unknown severity 'severe'"),
                new Case("fail_on: high\n", "unknown key 'fail_on'"),
                new Case("budget: { memory: 8GB }\n", "budget memory expects a size"),
                new Case("exemptions:\n  - rule: SBX-SECRET-005\n    statement: s\n    owner: o\n", "needs expires"),
                new Case("exemptions:\n  - rule: SBX-SECRET-005\n    statement: s\n    owner: o\n    expires: soon\n", "expires expects a date"),
                new Case("rules: [\n", ".sandboxc.yaml:2:1: not valid YAML: expected the node content, but found '<stream end>' (while parsing a flow node)"),
                new Case("profile: default\n  fail-on: high\n", ".sandboxc.yaml:2:10: not valid YAML: mapping values are not allowed here"),
                new Case("profile: \"strict\n", ".sandboxc.yaml:2:1: not valid YAML: found unexpected end of stream"),
                new Case("a: &x high\nfail-on: *x\n", ".sandboxc.yaml:2:10: an alias (*x); aliases are not supported in .sandboxc.yaml"),
                new Case("fail-on: !!str high\n", ".sandboxc.yaml:1:10: the tag '!!str'; tags are not supported"),
                new Case("budget: !!java.lang.Runtime {}\n", ".sandboxc.yaml:1:9: the tag '!!java.lang.Runtime'; tags are not supported"),
                new Case("? [a]\n: b\n", ".sandboxc.yaml:1:3: a key that is not a plain word"),
                new Case("profile: default\n---\nprofile: strict\n", ".sandboxc.yaml:2:1: a second YAML document"),
                new Case("rules: " + "[".repeat(40) + "]".repeat(40) + "\n", "nested more than 32 levels deep"),
                new Case("rules:\n  SBX-NET-001: off\n  SBX-NET-001: low\n", ".sandboxc.yaml:3:3: 'SBX-NET-001' is given twice"))) {
            PolicyConfig.ConfigException e = assertThrows(PolicyConfig.ConfigException.class, () -> config(c.yaml()), c.yaml());
            assertTrue(e.getMessage().contains(c.message()), e.getMessage() + " should contain " + c.message());
        }
    }

    @Test
    void yamlNullsAndStringsAreReadAsYamlMeansThem() throws PolicyConfig.ConfigException {
        // A plain ~, null or nothing is YAML's null: a setting left empty is refused, not read as the word.
        for (String empty : List.of("fail-on:\n", "fail-on: ~\n", "fail-on: null\n", "fail-on: NULL\n")) {
            PolicyConfig.ConfigException e = assertThrows(PolicyConfig.ConfigException.class, () -> config(empty), empty);
            assertTrue(e.getMessage().startsWith(".sandboxc.yaml:1:"), e.getMessage());
        }
        // Quoted, the same words are strings, and the flow and block forms read alike.
        assertEquals(Severity.HIGH, config("fail-on: high\n").failOn());
        assertEquals(Severity.HIGH, config("fail-on: \"high\"\n").failOn());
        assertTrue(config("rules:\n  SBX-NET-001: off\n").isOff("SBX-NET-001"));
        assertTrue(config("rules: {SBX-NET-001: 'off'}\n").isOff("SBX-NET-001"));
        // An empty file, or one of comments only, is the default config.
        for (String empty : List.of("", "# nothing yet\n", "---\n# nothing\n...\n")) {
            PolicyConfig c = config(empty);
            assertEquals("default", c.profile(), empty);
            assertEquals(null, c.failOn(), empty);
            assertTrue(c.exemptions().isEmpty(), empty);
        }
    }
}
