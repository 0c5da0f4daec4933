package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.policy.rules.Catalog;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every rule's own examples: the bad one is valid and fires the rule, the good one is valid and does not. */
class RuleExamplesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    static List<Finding> lint(String name, String text) {
        Frontend.Result r = Frontend.analyze(TestSupport.source(name, text));
        assertFalse(r.diagnostics().hasErrors(), () -> name + " does not compile:\n" + TestSupport.render(r));
        return new Policy(PolicyConfig.defaults(), TODAY, null).evaluate(r);
    }

    @TestFactory
    Stream<DynamicTest> badExamplesFire() {
        return Catalog.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            List<Finding> f = lint(rule.id() + "/bad.sandbox", rule.info().bad());
            assertTrue(f.stream().anyMatch(x -> x.rule().id().equals(rule.id())),
                    () -> rule.id() + " does not fire on its bad example; findings: " + f);
        }));
    }

    @TestFactory
    Stream<DynamicTest> goodExamplesDoNotFire() {
        return Catalog.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            List<Finding> f = lint(rule.id() + "/good.sandbox", rule.info().good());
            assertEquals(List.of(), f.stream().filter(x -> x.rule().id().equals(rule.id())).toList(),
                    rule.id() + " fires on its good example");
        }));
    }
}
