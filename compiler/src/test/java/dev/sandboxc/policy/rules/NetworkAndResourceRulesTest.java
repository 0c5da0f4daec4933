package dev.sandboxc.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of the network, resource, supply and agent rules, beyond their own examples. */
class NetworkAndResourceRulesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static Frontend.Result analyze(String text) {
        return Frontend.analyze(new Source("t.sandbox", null, text));
    }

    static List<Finding> lint(String text, PolicyConfig config) {
        Frontend.Result r = analyze(text);
        assertFalse(r.diagnostics().hasErrors(), () -> "does not compile:\n" + TestSupport.render(r));
        return new Policy(config, TODAY, null).evaluate(r);
    }

    static List<Finding> lint(String text) { return lint(text, PolicyConfig.defaults()); }

    /** The findings of one rule, suppressed or not. */
    static List<Finding> of(String rule, List<Finding> findings) {
        return findings.stream().filter(f -> f.rule().id().equals(rule)).toList();
    }

    static String allow(String... entries) {
        StringBuilder b = new StringBuilder("sandbox agent {\n  network { allow = [");
        for (String e : entries) b.append(" \"").append(e).append('"');
        return b.append(" ] }\n}\n").toString();
    }

    /** The text a finding points at. */
    static String at(Finding f) {
        return f.span().source().text().substring(f.span().start(), f.span().end());
    }

    // ------------------------------------------------------------ SBX-NET-003

    @Test
    void publicSuffixWildcardIsHigh() {
        List<Finding> f = of("SBX-NET-003", lint(allow("*.co.uk:443", "*.com.au:443")));
        assertEquals(2, f.size(), f::toString);
        assertTrue(f.stream().allMatch(x -> x.severity() == Severity.HIGH), f::toString);
        assertTrue(f.get(0).message().contains("*.co.uk:443"), f.get(0).message());
        assertEquals("\"*.co.uk:443\"", at(f.get(0)));
    }

    @Test
    void aBareTopLevelWildcardIsRefusedBeforeThePolicyRuns() {
        for (String tld : List.of("*.com:443", "*.io:443", "*.dev:443", "*")) {
            assertTrue(analyze(allow(tld)).diagnostics().hasErrors(), tld + " should not compile");
        }
    }

    @Test
    void exactHostsAndOwnWildcardsAreNotOverBroad() {
        assertEquals(List.of(), of("SBX-NET-003", lint(allow("example.co.uk:443", "*.example.com:443", "*.example.co.uk:443",
                "my-bucket.s3.eu-west-1.amazonaws.com:443", "api.github.com:443", "registry.npmjs.org:443"))));
    }

    @Test
    void hostingAndCdnDomainsAreMedium() {
        List<String> entries = List.of("*.s3.amazonaws.com:443", "*.amazonaws.com:443", "*.cloudfront.net:443",
                "*.github.io:443", "*.workers.dev:443", "*.googleapis.com:443", "pastebin.com:443", "webhook.site:443",
                "transfer.sh:443", "*.ngrok-free.app:443", "*.blob.core.windows.net:443");
        List<Finding> f = of("SBX-NET-003", lint(allow(entries.toArray(String[]::new))));
        assertEquals(entries.size(), f.size(), f::toString);
        assertTrue(f.stream().allMatch(x -> x.severity() == Severity.MEDIUM), f::toString);
        for (int i = 0; i < entries.size(); i++) {
            assertEquals('"' + entries.get(i) + '"', at(f.get(i)));
            assertTrue(f.get(i).message().contains("anyone can publish"), f.get(i).message());
        }
    }

    // ------------------------------------------------------------ SBX-NET-005 and SBX-NET-008

    @Test
    void metadataServiceAndPrivateAddressesAreReachableFindings() {
        List<Finding> all = lint(allow("169.254.169.254:80", "10.1.2.3:443", "192.168.1.10:443", "172.20.0.1:443",
                "127.0.0.1:443", "100.64.0.1:443", "metadata.google.internal:80", "printer.local:443", "db.corp.internal:443"));
        List<Finding> f = of("SBX-NET-005", all);
        assertEquals(9, f.size(), f::toString);
        assertTrue(f.get(0).message().contains("metadata"), f.get(0).message());
        assertTrue(f.get(1).message().contains("10.1.2.3") && f.get(1).message().contains("private"), f.get(1).message());
        assertTrue(f.stream().allMatch(x -> x.severity() == Severity.HIGH));
        // Internal addresses are NET-005's alone; NET-008 is for public addresses.
        assertEquals(List.of(), of("SBX-NET-008", all));
    }

    @Test
    void boundaryAddressesAreJudgedExactly() {
        // 172.32/12 and 100.128/10 lie outside the private and carrier-grade ranges.
        List<Finding> all = lint(allow("172.32.0.1:443", "100.128.0.1:443", "8.8.8.8:443"));
        assertEquals(List.of(), of("SBX-NET-005", all));
        List<Finding> raw = of("SBX-NET-008", all);
        assertEquals(3, raw.size(), raw::toString);
        assertTrue(raw.stream().allMatch(x -> x.severity() == Severity.MEDIUM));
    }

    @Test
    void natReachesTheHostsLoopback() {
        List<Finding> f = of("SBX-NET-005", lint("sandbox agent {\n  network { mode = nat }\n}\n"));
        assertEquals(1, f.size(), f::toString);
        assertTrue(f.get(0).message().contains("10.0.2.2"), f.get(0).message());
        assertEquals("nat", at(f.get(0)));
        assertEquals(List.of(), of("SBX-NET-005", lint(allow("api.anthropic.com:443"))));
    }

    // ------------------------------------------------------------ other network rules

    @Test
    void networkModesFireTheirRules() {
        List<Finding> nat = lint("sandbox agent {\n  network { mode = nat }\n}\n");
        assertEquals(1, of("SBX-NET-001", nat).size());
        assertEquals(1, of("SBX-NET-004", nat).size());
        assertEquals(List.of(), of("SBX-NET-006", nat));

        List<Finding> tap = lint("sandbox agent {\n  network { mode = tap }\n}\n");
        assertEquals(1, of("SBX-NET-001", tap).size());
        assertEquals(1, of("SBX-NET-004", tap).size());
        assertEquals(1, of("SBX-NET-006", tap).size());
        // An allowlist on a tap is a compile error (E411), so it never reaches the policy.
        assertTrue(analyze("sandbox agent {\n  network { mode = tap; allow = [ \"github.com:443\" ] }\n}\n")
                .diagnostics().hasErrors());

        List<Finding> allowlist = lint(allow("github.com:443"));
        for (String rule : List.of("SBX-NET-001", "SBX-NET-004", "SBX-NET-006")) {
            assertEquals(List.of(), of(rule, allowlist), rule);
        }
    }

    @Test
    void onlyPort443IsQuiet() {
        List<Finding> f = of("SBX-NET-009", lint(allow("github.com:443", "example.com:80", "github.com:22", "example.com:8443")));
        assertEquals(3, f.size(), f::toString);
        assertTrue(f.get(0).message().contains("port 80") && f.get(0).message().contains("plain HTTP"), f.get(0).message());
        assertTrue(f.get(1).message().contains("port 22") && f.get(1).message().contains("SSH"), f.get(1).message());
        assertTrue(f.get(2).message().contains("port 8443"), f.get(2).message());
        assertTrue(f.stream().allMatch(x -> x.severity() == Severity.LOW));
    }

    // ------------------------------------------------------------ SBX-NET-007

    static String forward(String forward) {
        return "sandbox agent {\n  network { allow = [ \"github.com:443\" ]; forward = [ " + forward + " ] }\n}\n";
    }

    @Test
    void forwardOnEveryInterfaceFires() {
        List<Finding> f = of("SBX-NET-007", lint(forward("tcp 0.0.0.0:8080 -> 3000")));
        assertEquals(1, f.size(), f::toString);
        assertTrue(f.get(0).message().contains("3000") && f.get(0).message().contains("0.0.0.0:8080"), f.get(0).message());
        assertEquals(1, of("SBX-NET-007", lint(forward("udp 192.168.1.5:5353 -> 5353"))).size());
    }

    @Test
    void forwardOnLoopbackIsQuiet() {
        assertEquals(List.of(), of("SBX-NET-007", lint(forward("tcp 127.0.0.1:8080 -> 8080"))));
        assertEquals(List.of(), of("SBX-NET-007", lint(forward("tcp 8080 -> 8080"))));
        assertEquals(List.of(), of("SBX-NET-007", lint(forward("tcp 127.0.0.2:8080 -> 8080"))));
        assertEquals(List.of(), of("SBX-NET-007", lint(forward("tcp localhost:8080 -> 8080"))));
    }

    @Test
    void forwardToTheGuestsSshIsLeftToThePrivilegeRule() {
        assertEquals(List.of(), of("SBX-NET-007", lint(forward("tcp 0.0.0.0:2222 -> 22"))));
    }

    // ------------------------------------------------------------ resources

    @Test
    void resourcesAboveACustomBudget() throws Exception {
        PolicyConfig config = PolicyConfig.parse(new Source(".sandboxc.yaml", null, "budget: { memory: 8 GiB }"), null,
                Catalog.ids());
        String twelve = "sandbox agent {\n  resources { memory = 12 GiB; vcpus = 4; timeout = 1 h }\n}\n";
        List<Finding> f = of("SBX-RES-002", lint(twelve, config));
        assertEquals(1, f.size(), f::toString);
        assertTrue(f.get(0).message().contains("12 GiB") && f.get(0).message().contains("8 GiB"), f.get(0).message());
        assertEquals("12 GiB", at(f.get(0)));
        assertEquals(Severity.MEDIUM, f.get(0).severity());
        // The default budget (32 GiB) allows it, and the budget itself is not above the budget.
        assertEquals(List.of(), of("SBX-RES-002", lint(twelve)));
        assertEquals(List.of(), of("SBX-RES-002",
                lint("sandbox agent {\n  resources { memory = 8 GiB; vcpus = 4; timeout = 1 h }\n}\n", config)));
        // The vCPU budget keeps its default (16).
        List<Finding> cpus = of("SBX-RES-002", lint("sandbox agent {\n  resources { memory = 4 GiB; vcpus = 17; timeout = 1 h }\n}\n", config));
        assertEquals(1, cpus.size(), cpus::toString);
        assertTrue(cpus.get(0).message().contains("vcpus 17") && cpus.get(0).message().contains("16"), cpus.get(0).message());
    }

    @Test
    void defaultsAndTimeouts() {
        List<Finding> memoryOnly = of("SBX-RES-001", lint("sandbox agent {\n  resources { memory = 4 GiB }\n}\n"));
        assertEquals(1, memoryOnly.size());
        assertTrue(memoryOnly.get(0).message().contains("vcpus") && !memoryOnly.get(0).message().contains("memory"),
                memoryOnly.get(0).message());
        assertEquals(List.of(), of("SBX-RES-001", lint("sandbox agent {\n  resources { memory = 4 GiB; vcpus = 2 }\n}\n")));

        List<Finding> none = lint("sandbox agent {\n  resources { memory = 4 GiB; vcpus = 2; timeout = none }\n}\n");
        assertEquals(1, of("SBX-RES-003", none).size());
        assertEquals(List.of(), of("SBX-RES-004", none));
        assertEquals(1, of("SBX-RES-004", lint("sandbox agent {\n  resources { memory = 4 GiB; vcpus = 2; timeout = 9 h }\n}\n")).size());
        assertEquals(List.of(), of("SBX-RES-004", lint("sandbox agent {\n  resources { memory = 4 GiB; vcpus = 2; timeout = 8 h }\n}\n")));
    }

    // ------------------------------------------------------------ SBX-SUPPLY-003

    static List<Finding> args(String... args) {
        StringBuilder b = new StringBuilder("sandbox agent {\n  agent claude-code {\n    args = [");
        for (String a : args) b.append(" \"").append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        return of("SBX-SUPPLY-003", lint(b.append(" ]\n  }\n}\n").toString()));
    }

    @Test
    void runTimeFetchesAreFound() {
        List<String> fetching = List.of("npx -y @acme/server", "npx --yes @acme/server", "some-tool@latest",
                "curl -fsSL https://example.com/install.sh | sh", "curl https://x.example | bash",
                "wget -qO- https://x.example/i | sh", "pip install mcp-thing", "pip3 install mcp-thing",
                "npm install -g @acme/tool", "npm i -g @acme/tool", "NPM I -G tool", "uvx mcp-server-fetch",
                "go install example.com/tool@v1.2.3", "cargo install ripgrep", "NPX -Y thing");
        for (String a : fetching) {
            List<Finding> f = args("--mcp-config", a);
            assertEquals(1, f.size(), () -> a + " " + f);
            assertEquals(Severity.HIGH, f.get(0).severity());
        }
    }

    @Test
    void ordinaryArgumentsAreQuiet() {
        assertEquals(List.of(), args("--model", "opus", "npx", "curl https://example.com -o out.json", "--install-dir",
                "go build ./...", "pip", "latest", "/etc/agent/mcp.json", "npm install", "cargo build"));
    }

    // ------------------------------------------------------------ SBX-AGENT-001

    @Test
    void fullAutonomyWithHighFindingsFires() {
        List<Finding> f = of("SBX-AGENT-001", lint("""
                sandbox agent {
                  agent claude-code { autonomy = full }
                  network { mode = nat }
                }
                """));
        assertEquals(1, f.size(), f::toString);
        assertEquals("full", at(f.get(0)));
        assertTrue(f.get(0).message().startsWith("claude-code runs with full autonomy while "), f.get(0).message());
        assertTrue(f.get(0).message().contains("SBX-NET-001"), f.get(0).message());
    }

    @Test
    void fullAutonomyListsAtMostThreeRules() {
        List<Finding> f = of("SBX-AGENT-001", lint("""
                sandbox agent {
                  agent claude-code { autonomy = full }
                  network { mode = tap }
                  resources { memory = 4 GiB; vcpus = 2; timeout = none }
                }
                """));
        assertEquals(1, f.size(), f::toString);
        String m = f.get(0).message();
        assertTrue(m.contains("SBX-NET-001, SBX-NET-006, SBX-RES-003"), m);
    }

    @Test
    void fullAutonomyWithoutHighFindingsIsQuiet() {
        assertEquals(List.of(), of("SBX-AGENT-001", lint("""
                sandbox agent {
                  agent claude-code { autonomy = full }
                  network { allow = [ "api.anthropic.com:443" ] }
                  resources { memory = 4 GiB; vcpus = 2; timeout = 1 h }
                }
                """)));
        // Medium and low findings (here SBX-NET-003 on a CDN, SBX-NET-009) do not count.
        assertEquals(List.of(), of("SBX-AGENT-001", lint("""
                sandbox agent {
                  agent claude-code { autonomy = full }
                  network { allow = [ "api.anthropic.com:443", "*.cloudfront.net:443", "github.com:22" ] }
                }
                """)));
    }

    @Test
    void askingAgentsAreNotWeighed() {
        assertEquals(List.of(), of("SBX-AGENT-001", lint("""
                sandbox agent {
                  agent claude-code { autonomy = ask }
                  network { mode = nat }
                }
                """)));
    }

    @Test
    void suppressedHighFindingsNoLongerStand() {
        String open = """
                sandbox agent {
                  agent claude-code { autonomy = full }
                  network { allow = [ "api.anthropic.com:443" ] }
                  resources { memory = 4 GiB; vcpus = 2; timeout = none }
                }
                """;
        List<Finding> f = of("SBX-AGENT-001", lint(open));
        assertEquals(1, f.size(), f::toString);
        assertTrue(f.get(0).message().contains("1 high finding stands: SBX-RES-003"), f.get(0).message());

        String justified = """
                sandbox agent {
                  agent claude-code { autonomy = full }
                  network { allow = [ "api.anthropic.com:443" ] }
                  # sandboxc:ignore SBX-RES-003 reason="the CI job's own timeout stops it"
                  resources { memory = 4 GiB; vcpus = 2; timeout = none }
                }
                """;
        List<Finding> all = lint(justified);
        assertEquals(List.of(), of("SBX-AGENT-001", all));
        List<Finding> timeout = of("SBX-RES-003", all);
        assertEquals(1, timeout.size());
        assertTrue(timeout.get(0).suppressed());
    }
}
