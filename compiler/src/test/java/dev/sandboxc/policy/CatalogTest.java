package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.policy.rules.Catalog;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue is complete, its metadata is whole, and docs/rules/ matches it. */
class CatalogTest {

    @Test
    void everyRuleClassIsRegisteredOnce() throws Exception {
        Path classes = Path.of(Catalog.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/sandboxc/policy/rules");
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> s = Files.list(classes)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                // Nested classes too (the compiler warnings), but not anonymous ones.
                if (!n.endsWith(".class") || n.matches(".*\\$\\d+.*\\.class")) continue;
                Class<?> c = Class.forName("dev.sandboxc.policy.rules." + n.substring(0, n.length() - 6));
                if (Rule.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) declared.add(c.getName());
            }
        }
        Set<String> registered = Catalog.all().stream().map(r -> r.getClass().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, registered, "every Rule class must be listed in its area's registry");
        assertEquals(Catalog.all().size(), registered.size(), "a rule class listed twice");
    }

    @Test
    void catalogueCoversEveryAreaOfTheDesign() {
        assertTrue(Catalog.all().size() >= 30, "the issue asks for at least 30 rules; have " + Catalog.all().size());
        Set<String> areas = Catalog.all().stream().map(r -> r.info().area()).collect(Collectors.toSet());
        assertEquals(Set.of("SHARE", "SECRET", "NET", "PRIV", "RES", "AUDIT", "SUPPLY", "AGENT", "META", "COMPILER"), areas);
    }

    @Test
    void metadataIsComplete() {
        List<String> problems = new ArrayList<>();
        for (Rule r : Catalog.all()) {
            RuleInfo i = r.info();
            if (i.summary().isBlank() || i.summary().endsWith(".")) problems.add(i.id() + ": summary");
            if (i.rationale().length() < 80) problems.add(i.id() + ": rationale too short");
            if (i.references().isEmpty()) problems.add(i.id() + ": no reference");
            if (i.fix().isBlank()) problems.add(i.id() + ": no fix");
            if (i.bad().equals(i.good())) problems.add(i.id() + ": bad and good examples are the same");
            for (String rel : i.related()) if (Catalog.find(rel) == null) problems.add(i.id() + ": related " + rel + " unknown");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void docsRulesAreUpToDate() throws IOException {
        Path dir = TestSupport.root().resolve("docs/rules");
        Map<String, String> expected = RuleDocs.pages();
        List<String> stale = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (!Files.exists(p) || !Files.readString(p).equals(e.getValue())) stale.add(e.getKey());
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) if (!expected.containsKey(p.getFileName().toString())) stale.add(p.getFileName() + " (no such rule)");
            }
        }
        assertEquals(List.of(), stale, "docs/rules/ is stale: run ./sandboxc rules --docs docs/rules (and delete pages of removed rules)");
    }

    @Test
    void explainWorksForEveryRule() {
        for (Rule r : Catalog.all()) {
            String text = RuleDocs.explain(r.info());
            assertTrue(text.startsWith(r.id() + "  "), r.id());
            assertTrue(text.contains(r.info().fix().split(" ")[0]), r.id());
            assertFalse(text.contains("null"), r.id());
        }
    }
}
