package dev.sandboxc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.report.LintReport;
import dev.sandboxc.policy.report.ReportFormat;
import dev.sandboxc.policy.rules.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The lint reports, approved: golden-tests/rules/&lt;ID&gt;/ shows each rule's bad and
 * good example with that rule's findings (so the span it reports is pinned down);
 * golden-tests/lint/&lt;example&gt;/ is `sandboxc lint examples/&lt;example&gt;.sandbox`.
 * Dates are judged as of a fixed day, and no home folder is assumed.
 */
class LintGoldenTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Path RULES = GoldenTest.GOLDEN.resolve("rules");
    static final Path LINT = GoldenTest.GOLDEN.resolve("lint");

    static String ruleCase(Rule rule) {
        StringBuilder b = new StringBuilder();
        for (String which : List.of("bad", "good")) {
            String text = which.equals("bad") ? rule.info().bad() : rule.info().good();
            Frontend.Result r = Frontend.analyze(TestSupport.source(which + ".sandbox", text));
            List<Finding> mine = new Policy(PolicyConfig.defaults(), TODAY, null).evaluate(r).stream()
                    .filter(f -> f.rule().id().equals(rule.id())).toList();
            LintReport report = new LintReport(List.of(new LintReport.FileResult(which + ".sandbox", r.source(), mine,
                    List.of(), null)), Severity.HIGH, "golden");
            b.append("=== ").append(which).append(".sandbox\n").append(text);
            b.append("=== ").append(rule.id()).append(" on ").append(which).append(".sandbox\n")
             .append(ReportFormat.TEXT.render(report));
        }
        return b.toString();
    }

    /** `sandboxc lint FILE` as text, with the config lint would find for it. */
    static String lintExample(Path file, String name) throws Exception {
        Path configFile = PolicyConfig.find(file.getParent());
        PolicyConfig config = configFile == null ? PolicyConfig.defaults()
                : PolicyConfig.load(configFile, "examples/" + configFile.getFileName(), Catalog.ids());
        Frontend.Result r = Frontend.analyze(TestSupport.source(file, name));
        LintReport.FileResult result = r.ok()
                ? new LintReport.FileResult(name, r.source(), new Policy(config, TODAY, null).evaluate(r), List.of(), null)
                : new LintReport.FileResult(name, r.source(), List.of(),
                        r.diagnostics().sorted().stream().filter(d -> d.isError()).toList(), null);
        LintReport report = new LintReport(List.of(result), config.failOn() == null ? Severity.HIGH : config.failOn(), "golden");
        return "exit: " + report.exitCode() + "\n" + ReportFormat.TEXT.render(report);
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFiresAtItsSpan() {
        return Catalog.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Path dir = RULES.resolve(rule.id());
            Files.createDirectories(dir);
            Golden.verify(ruleCase(rule), dir);
        }));
    }

    @TestFactory
    Stream<DynamicTest> examplesLintAsApproved() throws IOException {
        return GoldenTest.examples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path dir = LINT.resolve(GoldenTest.exampleName(file));
            Files.createDirectories(dir);
            Golden.verify(lintExample(file, "examples/" + file.getFileName()), dir);
        }));
    }

    @Test
    void everyExampleButTheSeedIsCleanAtTheDefaultThreshold() throws Exception {
        List<String> failing = new ArrayList<>();
        for (Path file : GoldenTest.examples()) {
            String report = lintExample(file, file.getFileName().toString());
            boolean seed = file.getFileName().toString().equals("seed-as-written.sandbox");
            if (seed == report.startsWith("exit: 0")) failing.add(file.getFileName() + (seed ? " lints clean" : ":\n" + report));
        }
        assertEquals(List.of(), failing, "examples must lint clean (or carry justified suppressions); the seed must not");
    }

    @Test
    void noOrphanedRuleFolders() throws IOException {
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> s = Files.list(RULES)) {
            for (Path d : s.toList()) if (Catalog.find(d.getFileName().toString()) == null) orphans.add(d.toString());
        }
        try (Stream<Path> s = Files.list(LINT)) {
            for (Path d : s.toList()) {
                if (!Files.exists(GoldenTest.EXAMPLES.resolve(d.getFileName() + ".sandbox"))) orphans.add(d.toString());
            }
        }
        assertEquals(List.of(), orphans, "golden folders of rules or examples that no longer exist");
        assertFalse(Catalog.all().isEmpty());
    }
}
