package dev.sandboxc.policy;

/**
 * One least-privilege rule. A rule reads the typed model (after `extends` and
 * defaults) and reports findings at the span of the construct at fault. Rules are
 * stateless: one instance serves every file.
 */
public abstract class Rule {

    public abstract RuleInfo info();

    /** Checks one sandbox; most rules only need this. */
    public void check(SandboxCheck check) {}

    /** Checks a file as a whole (its text, comments included); called once per file. */
    public void checkFile(FileCheck check) {}

    /**
     * True for rules that judge the other findings of a sandbox (full autonomy while
     * high findings stand); they run after the others, once suppressions are applied.
     */
    public boolean weighsOtherFindings() { return false; }

    /**
     * True for rules that read only the file's text: they also run on a file with syntax
     * or type errors, whose model is incomplete (a pasted key is reported all the same).
     */
    public boolean textOnly() { return false; }

    public final String id() { return info().id(); }
}
