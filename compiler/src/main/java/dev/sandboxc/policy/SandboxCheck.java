package dev.sandboxc.policy;

import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Span;
import java.util.List;
import java.util.function.Consumer;

/** What a rule sees while it checks one sandbox, and where it reports. */
public final class SandboxCheck {
    private final Sandbox sandbox;
    private final FileCheck file;
    private final RuleInfo rule;
    private final Consumer<Finding> sink;
    private final List<Finding> standing;

    SandboxCheck(Sandbox sandbox, FileCheck file, RuleInfo rule, Consumer<Finding> sink, List<Finding> standing) {
        this.sandbox = sandbox;
        this.file = file;
        this.rule = rule;
        this.sink = sink;
        this.standing = standing;
    }

    public Sandbox sandbox() { return sandbox; }
    public HostPaths paths() { return file.paths(); }
    public PolicyConfig config() { return file.config(); }

    public FileCheck file() { return file; }

    /** True when {@code span} lies in this sandbox's own block, not in a parent it extends. */
    public boolean writtenHere(Span span) {
        for (dev.sandboxc.syntax.Ast.Entry e : file.result().document().entries()) {
            if (e instanceof dev.sandboxc.syntax.Ast.Section s && s.key().equals("sandbox") && !s.labels().isEmpty()
                    && s.label(0).equals(sandbox.name())) {
                return span.source() == s.span().source() && span.start() >= s.span().start() && span.end() <= s.span().end();
            }
        }
        return true;
    }

    /** Reports at the rule's severity. */
    public void report(Span span, String message) { report(span, rule.severity(), message); }

    /** Reports at a severity the rule works out (rules whose weight depends on other settings). */
    public void report(Span span, Severity severity, String message) {
        sink.accept(new Finding(rule, severity, span, message, sandbox.name(), null));
    }

    /**
     * The unsuppressed findings other rules made for this sandbox; only filled for
     * rules that {@linkplain Rule#weighsOtherFindings() weigh other findings}.
     */
    public List<Finding> standing() { return standing; }
}
