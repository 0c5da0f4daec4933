package dev.sandboxc.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.model.Source;
import dev.sandboxc.syntax.Formatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.reporters.QuietReporter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * golden-tests/fmt/&lt;case&gt;/input.sandbox formatted, against output.approved.sandbox beside
 * it. A change leaves output.received.sandbox; read it, and rename it to approve.
 */
class FmtGoldenTest {
    static final Path FMT = GoldenTest.GOLDEN.resolve("fmt");

    static List<Path> cases() throws IOException {
        try (Stream<Path> s = Files.list(FMT)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The formatted text, or the errors that stopped it, as `sandboxc fmt -` would print them. */
    static String format(Path input) throws IOException {
        // Bytes as they are: the CRLF case must reach the formatter with its carriage returns.
        String text = new String(Files.readAllBytes(input), StandardCharsets.UTF_8);
        Formatter.Result r = Formatter.format(new Source("input.sandbox", input.toAbsolutePath(), text));
        if (r.formatted()) return r.text();
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : r.errors()) b.append(DiagnosticRenderer.render(d));
        return b.toString();
    }

    @TestFactory
    Stream<DynamicTest> formatsAsApproved() throws IOException {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () ->
                Approvals.verify(format(dir.resolve("input.sandbox")), new Options().withReporter(new QuietReporter())
                        .forFile().withNamer(new Golden.CaseNamer(dir.toFile(), Golden.BASE))
                        .forFile().withExtension(".sandbox"))));
    }

    @Test
    void everyCaseHasAnInput() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path dir : cases()) if (!Files.isRegularFile(dir.resolve("input.sandbox"))) missing.add(dir.toString());
        assertEquals(List.of(), missing);
        assertTrue(cases().size() >= 10, "fmt golden cases: " + cases().size());
    }

    @Test
    void theCrlfCaseStillHasItsCarriageReturns() throws IOException {
        // Guards against a checkout that converts line ends (.gitattributes marks it -text).
        assertTrue(Files.readString(FMT.resolve("crlf/input.sandbox")).contains("\r\n"));
    }
}
