package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.rules.Catalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and random input for the parts of the policy that read text of their own:
 * .sandboxc.yaml and `# sandboxc:ignore` comments. Each either works or is refused
 * with a message; nothing throws anything else.
 */
class HostileConfigAndCommentsTest {

    static void configNeverCrashes(String yaml) {
        try {
            PolicyConfig c = PolicyConfig.parse(new Source(".sandboxc.yaml", null, yaml), Path.of("/p"), Catalog.ids());
            assertNotNull(c);
        } catch (PolicyConfig.ConfigException e) {
            assertTrue(e.getMessage().startsWith(".sandboxc.yaml"), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail("config parser threw " + e + " on:\n" + yaml.substring(0, Math.min(300, yaml.length())));
        }
    }

    @Test
    void hostileYaml() {
        configNeverCrashes("[".repeat(5000) + "]".repeat(5000));
        configNeverCrashes("a: ".repeat(3000) + "x");
        configNeverCrashes("rules:\n" + "  - ".repeat(2000) + "x\n");
        // Alias expansion ("billion laughs") must not blow up.
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                  .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        configNeverCrashes(laughs.toString());
        configNeverCrashes("!!java.lang.Runtime {}\n");
        configNeverCrashes("exemptions: !!binary AAAA\n");
        configNeverCrashes("\u0000\u0001\uFFFF");
        configNeverCrashes("exemptions:\n  - null\n");
        configNeverCrashes("exemptions:\n  - rule: [1, 2]\n");
        configNeverCrashes("budget: 12\n");
        configNeverCrashes("rules:\n  SBX-NET-001: [high]\n");
        configNeverCrashes("profile: ~\n");
        configNeverCrashes("---\nprofile: default\n---\nprofile: strict\n");
        assertThrows(PolicyConfig.ConfigException.class,
                () -> PolicyConfig.parse(new Source("c", null, "rules: {SBX-NET-001: off, SBX-NET-001: low}"), null, Catalog.ids()));
    }

    @Test
    void randomYaml() {
        String alphabet = "ab:- \n\t\"'[]{},&*!|>#%@`?SBX-NET-001offhigh2027-01-01rulesexemptionsbudget";
        Random random = new Random(20261123);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(120);
            for (int k = 0; k < n; k++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            configNeverCrashes(b.toString());
        }
    }

    @Test
    void randomSuppressionComments() {
        String[] parts = {"# sandboxc:ignore", " SBX-SECRET-005", ",", " SBX-NOPE-1", " reason=", "\"", "x", "\\\"", " until=",
                "2027-01-01", "2020-01-01", "99-99-99", " ", "\t", "é", "\u202e"};
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder c = new StringBuilder();
            int n = 1 + random.nextInt(10);
            for (int k = 0; k < n; k++) c.append(parts[random.nextInt(parts.length)]);
            String comment = c.toString().replace("\n", " ");
            String text = "sandbox a {\n  user agent {\n    " + (comment.startsWith("#") ? comment : "# " + comment)
                    + "\n    initial-password = \"x\"\n  }\n}\n";
            Frontend.Result r = Frontend.analyze(TestSupport.source("t.sandbox", text));
            if (!r.ok()) continue;
            try {
                List<Finding> f = new Policy(PolicyConfig.defaults(), LocalDate.of(2026, 11, 23), null).evaluate(r);
                assertTrue(f.stream().anyMatch(x -> x.rule().id().equals("SBX-SECRET-005")), text);
            } catch (RuntimeException e) {
                fail("policy threw " + e + " on:\n" + text);
            }
        }
    }
}
