package dev.sandboxc.policy;

import dev.sandboxc.Frontend;
import dev.sandboxc.model.Span;
import java.util.function.Consumer;

/** What a rule sees while it checks a file as a whole, and where it reports. */
public final class FileCheck {
    private final Frontend.Result result;
    private final HostPaths paths;
    private final PolicyConfig config;
    private RuleInfo rule;
    private Consumer<Finding> sink;

    FileCheck(Frontend.Result result, HostPaths paths, PolicyConfig config) {
        this.result = result;
        this.paths = paths;
        this.config = config;
    }

    FileCheck forRule(RuleInfo rule, Consumer<Finding> sink) {
        this.rule = rule;
        this.sink = sink;
        return this;
    }

    public Frontend.Result result() { return result; }
    public HostPaths paths() { return paths; }
    public PolicyConfig config() { return config; }

    public void report(Span span, String message) {
        sink.accept(new Finding(rule, rule.severity(), span, message, null, null));
    }
}
