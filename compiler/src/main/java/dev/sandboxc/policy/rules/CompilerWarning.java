package dev.sandboxc.policy.rules;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.policy.FileCheck;
import dev.sandboxc.policy.Rule;

/**
 * A compiler warning, as lint reports it: a finding with the warning's code as its ID, so
 * that it shows in every report format, counts against --fail-on at its severity, and can be
 * suppressed, re-rated or switched off like any rule. compile prints the warning itself.
 */
abstract class CompilerWarning extends Rule {
    @Override public void checkFile(FileCheck check) {
        for (Diagnostic d : check.result().diagnostics().sorted()) {
            if (d.code().equals(id()) && !d.isError()) check.report(d.span(), d.message());
        }
    }
}
