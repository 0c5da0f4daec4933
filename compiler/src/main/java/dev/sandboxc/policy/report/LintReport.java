package dev.sandboxc.policy.report;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.model.Source;
import java.util.List;

/**
 * The outcome of one lint run over one or more files, as every output format sees
 * it. A file that could not be linted (unreadable, or with syntax or type errors)
 * carries its errors instead of findings; the run then exits 2.
 *
 * @param failOn the threshold: unsuppressed findings at or above it fail the run
 * @param listSuppressed whether the formats for people (text, github) list each suppressed
 *                       finding, or only count them by rule; the machine formats always list them
 */
public record LintReport(List<FileResult> files, Severity failOn, String toolVersion, boolean listSuppressed) {

    public LintReport(List<FileResult> files, Severity failOn, String toolVersion) {
        this(files, failOn, toolVersion, true);
    }

    /**
     * @param path     the file as the user named it (relative paths stay relative; '/' separators)
     * @param source   its text, or null when it could not be read
     * @param errors   compile errors that stopped the lint of this file
     * @param problem  why the file could not be read at all, or null
     */
    public record FileResult(String path, Source source, List<Finding> findings, List<Diagnostic> errors, String problem) {
        public boolean linted() { return problem == null && errors.isEmpty(); }
    }

    public LintReport {
        files = List.copyOf(files);
    }

    public boolean couldNotRun() {
        return files.stream().anyMatch(f -> !f.linted());
    }

    public long failing() {
        return files.stream().flatMap(f -> f.findings().stream()).filter(x -> x.fails(failOn)).count();
    }

    /** 0 clean, 1 findings at or above the threshold, 2 some file could not be linted. */
    public int exitCode() {
        return couldNotRun() ? 2 : failing() > 0 ? 1 : 0;
    }
}
