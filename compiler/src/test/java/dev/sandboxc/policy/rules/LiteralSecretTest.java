package dev.sandboxc.policy.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxc.policy.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SBX-SECRET-001 finds every published token shape, wherever it stands in the file. */
class LiteralSecretTest {

    static final List<List<String>> SAMPLES = List.of(
            List.of("an Anthropic API key", "sk-ant-api03-R2D2c3poBB8xWingYodaLeia0123"),
            List.of("an OpenAI API key", "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"),
            List.of("a GitHub token", "ghs_abcdefghijklmnopqrstuvwxyz0123456789"),
            List.of("a GitHub fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghij"),
            List.of("a GitLab token", "glpat-abcdefghij0123456789"),
            List.of("a Slack token", "xoxb-1234567890-abcdef"),
            List.of("an AWS access key id", "ASIAABCDEFGHIJ234567"),
            List.of("a Google API key", "AIzaSyA0123456789abcdefghijklmnopqrstuv"),
            List.of("a Hugging Face token", "hf_abcdefghijklmnopqrstuvwxyz0123"),
            List.of("an npm token", "npm_abcdefghijklmnopqrstuvwxyz0123456789"),
            List.of("a Stripe secret key", "rk_live_abcdefghij0123456789"),
            List.of("an age secret key", "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"),
            List.of("a private key", "-----BEGIN OPENSSH PRIVATE KEY-----"),
            List.of("a JSON web token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijk"));

    @Test
    void everyShapeIsFoundInAComment() {
        for (List<String> sample : SAMPLES) {
            String text = "sandbox agent {\n  agent aider { }\n  # left here by mistake: " + sample.get(1) + "\n}\n";
            List<Finding> found = NetworkAndResourceRulesTest.of("SBX-SECRET-001", NetworkAndResourceRulesTest.lint(text));
            assertEquals(1, found.size(), sample + ": " + found);
            assertEquals("this looks like " + sample.get(0) + " written into the file", found.get(0).message());
            assertEquals(sample.get(1), NetworkAndResourceRulesTest.at(found.get(0)));
        }
    }

    @Test
    void aFileWithoutTokensHasNoFinding() {
        String text = "sandbox agent {\n  agent aider { }\n  # skip-ant, ghost_town, AIz, eyJ alone, k_live\n}\n";
        assertEquals(List.of(), NetworkAndResourceRulesTest.of("SBX-SECRET-001", NetworkAndResourceRulesTest.lint(text)));
    }
}
