package dev.sandboxc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sandboxc.Frontend;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.DiagnosticRenderer;
import dev.sandboxc.emit.FlakeEmitter;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.report.LintReport;
import dev.sandboxc.policy.report.ReportFormat;
import dev.sandboxc.syntax.DirectParserTest;
import dev.sandboxc.syntax.FormatChecks;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Any bytes through the whole pipeline: parse, build, check, policy, every report
 * format, and emission. Nothing may throw; diagnostics must render. Whatever parses,
 * fmt formats idempotently, with the same tree, comments and findings (suppressions
 * included), or refuses for a suppression it cannot keep in place. Runs the stored
 * inputs under plain `mvn verify`, and fuzzes with JAZZER_FUZZ=1 (.ci/run does, for a
 * bounded time).
 */
class FrontendFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyFileIsDiagnosedOrCompiled(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return; // the CLI reports invalid UTF-8 before the front end (E000)
        }
        Source source = new Source("fuzz.sandbox", null, text);
        // The hand-written fast path takes exactly the files ANTLR takes, into the same tree.
        DirectParserTest.agree(text);
        String fmtBroke = FormatChecks.violation(source);
        if (fmtBroke != null) throw new AssertionError("fmt: " + fmtBroke);
        Frontend.Result r = Frontend.analyze(source);
        for (Diagnostic d : r.diagnostics().sorted()) {
            String shown = DiagnosticRenderer.render(d);
            if (shown.isEmpty() || d.help() == null && d.isError()) throw new AssertionError("a diagnostic without text or hint: " + d);
        }
        if (!r.ok()) return;
        List<Finding> findings = new Policy(PolicyConfig.defaults(), LocalDate.of(2026, 11, 23), null).evaluate(r);
        LintReport report = new LintReport(List.of(new LintReport.FileResult("fuzz.sandbox", source, findings, List.of(), null)),
                Severity.HIGH, "fuzz");
        for (ReportFormat f : ReportFormat.values()) f.render(report);
        FlakeEmitter.emit(r, Path.of("/out"));
    }
}
