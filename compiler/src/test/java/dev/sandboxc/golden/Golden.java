package dev.sandboxc.golden;

import dev.sandboxc.Frontend;
import dev.sandboxc.TestSupport;
import dev.sandboxc.emit.FlakeEmitter;
import dev.sandboxc.emit.GeneratedFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.approvaltests.namer.ApprovalNamer;
import org.approvaltests.reporters.QuietReporter;

/**
 * One golden case: a .sandbox input, compiled in memory, rendered as one text
 * (exit status, diagnostics, every generated file but the verbatim lib-nix copies)
 * and verified against {@code <dir>/output.approved.txt}. A mismatch leaves
 * {@code output.received.txt} beside it; review it and rename it to approve.
 */
final class Golden {
    private Golden() {}

    static final String BASE = "output";

    /** Compiles {@code input} as if the flake went to {@code outDir}; returns the golden text. */
    static String run(Path input, String displayName, Path outDir) throws IOException {
        Frontend.Result result = Frontend.analyze(TestSupport.source(input, displayName));
        StringBuilder b = new StringBuilder();
        b.append("exit: ").append(result.ok() ? 0 : 1).append('\n');
        b.append("=== diagnostics\n").append(TestSupport.render(result));
        if (!result.ok()) return b.toString();
        List<GeneratedFile> files = TestSupport.emit(result, outDir);
        for (GeneratedFile f : files) {
            if (f.path().startsWith("nix/lib/")) continue;
            b.append("=== ").append(f.path()).append('\n').append(new String(f.content(), StandardCharsets.UTF_8));
        }
        b.append("=== nix/lib/ (copied verbatim from lib-nix/)\n");
        for (String lib : FlakeEmitter.LIB_FILES) b.append("nix/lib/").append(lib).append('\n');
        return b.toString();
    }

    static void verify(String text, Path caseDir) {
        Approvals.verify(text, new Options().withReporter(new QuietReporter())
                .forFile().withNamer(new CaseNamer(caseDir.toFile(), BASE)));
    }

    /** Puts approved and received files in the case folder, beside the input. */
    record CaseNamer(File dir, String base) implements ApprovalNamer {
        @Override public File getApprovedFile(String ext) { return new File(dir, base + ".approved" + ext); }
        @Override public File getReceivedFile(String ext) { return new File(dir, base + ".received" + ext); }
        @Override public String getApprovalName() { return base; }
        @Override public String getSourceFilePath() { return dir.getPath() + File.separator; }
        @Override public ApprovalNamer addAdditionalInformation(String info) { return this; }
        @Override public String getAdditionalInformation() { return ""; }
    }
}
