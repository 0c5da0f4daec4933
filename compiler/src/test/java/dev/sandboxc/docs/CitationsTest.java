package dev.sandboxc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.RuleDocs;
import dev.sandboxc.policy.rules.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every citation resolves: a document named in the docs, the rule pages, `explain`, the
 * examples or the code exists in the repository, and a section it names (`#anchor`) is a
 * heading of it. The original brief (DESIGN.md) is not part of the project, and sections
 * are cited by name, not by a number that moves.
 */
class CitationsTest {
    static final Path ROOT = TestSupport.root();

    /** `docs/design.md#shares`, `language.md#formatting`, `README.md`: a .md path, maybe with an anchor. */
    static final Pattern CITATION = Pattern.compile("(?<![\\w/.-])((?:\\.\\./|\\./)?(?:[\\w-]+/)*[\\w-]+\\.md)(#[\\w-]+)?");
    /** A Markdown link to a local file: [text](path) or [text](path#anchor). */
    static final Pattern LINK = Pattern.compile("\\]\\(((?!https?:|mailto:|#)[^)\\s]+?)(#[\\w-]+)?\\)");

    @Test
    void everyCitationResolves() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : sources()) {
            String text = Files.readString(file);
            checked += check(file, text, problems);
        }
        for (Rule r : Catalog.all()) {
            Path page = ROOT.resolve("docs/rules/" + r.id() + ".md");
            for (String ref : r.info().references()) checked += check(page, ref, problems);
            checked += check(page, RuleDocs.explain(r.info()), problems);
        }
        assertEquals(List.of(), problems);
        assertTrue(checked > 100, "checked " + checked + " citations");
    }

    /** The test fails on what it is meant to catch. */
    @Test
    void aCitationOfAMissingDocumentOrSectionFails() throws IOException {
        Path page = ROOT.resolve("docs/rules/SBX-SHARE-001.md");
        for (String bad : List.of("DESIGN.md §5 (Shares)", "docs/design.md §5", "docs/design.md#no-such-section",
                "docs/nowhere.md", "see [the design](../design.md#sharez)", "[x](../../examples/none.sandbox)")) {
            List<String> problems = new ArrayList<>();
            check(page, bad, problems);
            assertEquals(1, problems.size(), bad + ": " + problems);
        }
        List<String> none = new ArrayList<>();
        check(page, "docs/design.md#shares, [design](../design.md#the-threat-model), [ex](../../examples/agent.sandbox)", none);
        assertEquals(List.of(), none);
    }

    static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String dir : List.of("docs", "examples", "compiler/src/main", "templates", "lib-nix", "grammar")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
                s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/target/")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static int check(Path file, String text, List<String> problems) throws IOException {
        int n = 0;
        String where = ROOT.relativize(file).toString();
        if (text.contains("DESIGN.md")) problems.add(where + ": cites DESIGN.md, which is not part of the project");
        Matcher section = Pattern.compile("[\\w.]+\\.md\\s*§\\s*\\d+").matcher(text);
        while (section.find()) if (!section.group().startsWith("DESIGN.md")) problems.add(where + ": cites a section by number (" + section.group() + "): cite it as design.md#name");
        Set<String> seen = new LinkedHashSet<>();
        // Links are Markdown's: in .md files (and the rule pages' texts), not in code.
        Matcher link = LINK.matcher(file.toString().endsWith(".md") ? text : "");
        while (link.find()) {
            n++;
            String target = link.group(1);
            Path resolved = file.getParent().resolve(target).normalize();
            if (!Files.exists(resolved)) problems.add(where + ": links to " + target + ", which does not exist");
            else if (link.group(2) != null) anchor(where, resolved, link.group(2), problems);
            seen.add(target + (link.group(2) == null ? "" : link.group(2)));
        }
        Matcher c = CITATION.matcher(text);
        while (c.find()) {
            String doc = c.group(1);
            if (seen.contains(doc + (c.group(2) == null ? "" : c.group(2)))) continue;
            if (doc.equals("DESIGN.md")) continue;
            n++;
            Path resolved = resolve(file, doc);
            if (resolved == null) {
                problems.add(where + ": cites " + doc + ", which does not exist");
            } else if (c.group(2) != null) {
                anchor(where, resolved, c.group(2), problems);
            }
        }
        return n;
    }

    /** Relative to the citing file, then to the repository, docs/, and docs/rules/ (where RuleDocs's pages go). */
    static Path resolve(Path file, String doc) {
        for (Path base : List.of(file.getParent(), ROOT, ROOT.resolve("docs"), ROOT.resolve("docs/rules"))) {
            Path p = base.resolve(doc).normalize();
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    static void anchor(String where, Path doc, String anchor, List<String> problems) throws IOException {
        if (!anchors(doc).contains(anchor.substring(1))) {
            problems.add(where + ": cites " + ROOT.relativize(doc) + anchor + ", and " + ROOT.relativize(doc) + " has no such section");
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to '-', repeats numbered. */
    static Set<String> anchors(Path doc) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> count = new HashMap<>();
        boolean fence = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("```")) fence = !fence;
            if (fence || !line.startsWith("#")) continue;
            String title = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
            String slug = title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int k = count.merge(slug, 1, Integer::sum) - 1;
            out.add(k == 0 ? slug : slug + "-" + k);
        }
        return out;
    }
}
