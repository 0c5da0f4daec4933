package dev.sandboxc.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.emit.GeneratedFile;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.Rule;
import dev.sandboxc.policy.rules.Catalog;
import dev.sandboxc.syntax.FormatChecks;
import dev.sandboxc.syntax.Formatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * fmt over every .sandbox text the repository holds: the examples, every golden input and
 * approved fmt output, and each rule's bad and good example. Formatting is idempotent,
 * keeps the syntax tree, the comments and the policy's findings (suppressions included),
 * and a file that compiles compiles to the same flake once formatted.
 */
class FmtCorpusTest {

    static List<Source> corpus() throws IOException {
        List<Source> all = new ArrayList<>();
        for (Path file : GoldenTest.examples()) all.add(read(file));
        List<Path> golden;
        try (Stream<Path> s = Files.walk(GoldenTest.GOLDEN)) {
            golden = s.filter(p -> p.getFileName().toString().equals("input.sandbox")
                    || p.getFileName().toString().equals("output.approved.sandbox")).sorted().toList();
        }
        for (Path file : golden) all.add(read(file));
        for (Rule rule : Catalog.all()) {
            all.add(TestSupport.source(rule.id() + "/bad.sandbox", rule.info().bad()));
            all.add(TestSupport.source(rule.id() + "/good.sandbox", rule.info().good()));
        }
        return all;
    }

    private static Source read(Path file) throws IOException {
        String name = GoldenTest.ROOT.relativize(file).toString().replace('\\', '/');
        return new Source(name, file.toAbsolutePath().normalize(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> formattingKeepsWhatItMust() throws IOException {
        return corpus().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> assertNull(FormatChecks.violation(s))));
    }

    @TestFactory
    Stream<DynamicTest> aFileThatCompilesCompilesToTheSameFlakeOnceFormatted() throws IOException {
        return corpus().stream().filter(s -> Frontend.analyze(s).ok()).map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            Frontend.Result before = Frontend.analyze(s);
            Frontend.Result after = Frontend.analyze(new Source(s.name(), s.path(), Formatter.format(s).text()));
            assertTrue(after.ok(), TestSupport.render(after));
            Path out = GoldenTest.ROOT.resolve("out/fmt");
            List<GeneratedFile> a = TestSupport.emit(before, out);
            List<GeneratedFile> b = TestSupport.emit(after, out);
            assertEquals(a.stream().map(GeneratedFile::path).toList(), b.stream().map(GeneratedFile::path).toList());
            for (int i = 0; i < a.size(); i++) assertArrayEquals(a.get(i).content(), b.get(i).content(), a.get(i).path());
        }));
    }

    @Test
    void theCorpusIsMostlyFilesThatParseAndCompile() throws IOException {
        List<Source> all = corpus();
        long formatted = all.stream().filter(s -> Formatter.format(s).formatted()).count();
        long compiled = all.stream().filter(s -> Frontend.analyze(s).ok()).count();
        assertTrue(all.size() >= 100 && formatted >= all.size() - 5 && compiled >= 60,
                all.size() + " texts, " + formatted + " formatted, " + compiled + " compile");
    }

    @Test
    void everyExampleIsAlreadyFormatted() throws IOException {
        List<String> unformatted = new ArrayList<>();
        for (Path file : GoldenTest.examples()) {
            Source s = read(file);
            if (!Formatter.format(s).text().equals(s.text())) unformatted.add(s.name());
        }
        assertEquals(List.of(), unformatted, "run: sandboxc fmt examples/");
    }

    @Test
    void everyApprovedFmtOutputIsAlreadyFormatted() throws IOException {
        for (Path dir : FmtGoldenTest.cases()) {
            Source s = read(dir.resolve("output.approved.sandbox"));
            assertEquals(s.text(), Formatter.format(s).text(), s.name());
        }
    }
}
