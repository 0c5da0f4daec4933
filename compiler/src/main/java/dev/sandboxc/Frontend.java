package dev.sandboxc;

import dev.sandboxc.check.Checker;
import dev.sandboxc.check.ModelBuilder;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Sandbox;
import dev.sandboxc.model.Source;
import dev.sandboxc.syntax.Ast;
import dev.sandboxc.syntax.SandboxParser;
import java.util.List;

/** Parse, build and check one file: everything before policy and emission. */
public final class Frontend {
    private Frontend() {}

    public record Result(Source source, Ast.Document document, List<Sandbox> sandboxes, Diagnostics diagnostics) {
        public boolean ok() { return !diagnostics.hasErrors(); }
    }

    public static Result analyze(Source source) {
        Diagnostics diagnostics = new Diagnostics();
        Ast.Document doc = SandboxParser.parse(source, diagnostics);
        ModelBuilder.Result model = ModelBuilder.build(doc, diagnostics);
        Checker.check(model.sandboxes(), diagnostics);
        return new Result(source, doc, model.sandboxes(), diagnostics);
    }
}
