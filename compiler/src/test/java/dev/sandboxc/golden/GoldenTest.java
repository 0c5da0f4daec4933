package dev.sandboxc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * golden-tests/&lt;case&gt;/input.sandbox against output.approved.txt, and every
 * examples/&lt;name&gt;.sandbox against golden-tests/examples/&lt;name&gt;/output.approved.txt.
 */
class GoldenTest {

    static final Path ROOT = TestSupport.root();
    static final Path GOLDEN = ROOT.resolve("golden-tests");
    static final Path EXAMPLES = ROOT.resolve("examples");

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("input.sandbox"))).sorted().toList();
        }
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".sandbox")).sorted().toList();
        }
    }

    static String exampleName(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".sandbox".length());
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () ->
                // The flake goes to <case>/out, so paths in it read "../input.sandbox".
                Golden.verify(Golden.run(dir.resolve("input.sandbox"), "input.sandbox", dir.resolve("out")), dir)));
    }

    @TestFactory
    Stream<DynamicTest> examplesCompileAsApproved() throws IOException {
        return examples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path dir = GOLDEN.resolve("examples").resolve(exampleName(file));
            Files.createDirectories(dir);
            // As README compiles them: sandboxc compile examples/X.sandbox -o out/X
            Golden.verify(Golden.run(file, "examples/" + file.getFileName(), ROOT.resolve("out").resolve(exampleName(file))), dir);
        }));
    }

    @Test
    void thereAreEnoughCases() throws IOException {
        assertTrue(cases().size() >= 12, "the issue asks for a dozen wrong files at least; found " + cases().size());
        assertTrue(examples().size() >= 5, "examples/ should hold at least five sandboxes");
    }

    @Test
    void everyExampleCompilesCleanly() throws IOException {
        for (Path file : examples()) {
            String text = Golden.run(file, file.getFileName().toString(), ROOT.resolve("out"));
            // The seed as written compiles, with the warnings its flaws earn.
            String clean = file.getFileName().toString().equals("seed-as-written.sandbox") ? "exit: 0\n" : "exit: 0\n=== diagnostics\n=== ";
            assertTrue(text.startsWith(clean), file + " should compile without diagnostics:\n" + text);
        }
    }

    @Test
    void outputDoesNotDependOnLocaleOrTimeZone() throws IOException {
        java.util.Locale locale = java.util.Locale.getDefault();
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        for (Path file : examples()) {
            String expected = Golden.run(file, "x.sandbox", ROOT.resolve("out/x"));
            try {
                // Turkish casing (i/İ) and a far time zone break code that formats with the default locale.
                java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
                java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Kiritimati"));
                assertEquals(expected, Golden.run(file, "x.sandbox", ROOT.resolve("out/x")), file.toString());
            } finally {
                java.util.Locale.setDefault(locale);
                java.util.TimeZone.setDefault(zone);
            }
        }
    }

    @Test
    void noOrphanedApprovals() throws IOException {
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> s = Files.list(GOLDEN.resolve("examples"))) {
            for (Path d : s.toList()) {
                if (!Files.exists(EXAMPLES.resolve(d.getFileName() + ".sandbox"))) orphans.add(d.toString());
            }
        }
        try (Stream<Path> s = Files.list(GOLDEN)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                if (List.of("examples", "rules", "lint", "fmt").contains(d.getFileName().toString())) continue;
                if (!Files.exists(d.resolve("input.sandbox"))) orphans.add(d + " (no input.sandbox)");
            }
        }
        assertEquals(List.of(), orphans, "golden folders without an input");
    }

    @Test
    void noReceivedFilesLeftBehind() throws IOException {
        try (Stream<Path> s = Files.walk(GOLDEN)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".received.")),
                    "a .received. file is an unreviewed golden change");
        }
    }
}
