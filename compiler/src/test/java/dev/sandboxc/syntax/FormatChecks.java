package dev.sandboxc.syntax;

import dev.sandboxc.Frontend;
import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Source;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What formatting must keep, as text that tests compare: the syntax tree without positions,
 * the comments, and the policy's findings with their suppressions (lines aside).
 */
public final class FormatChecks {
    private FormatChecks() {}

    /** The syntax tree of a text, positions left out; null when it does not parse. */
    public static String tree(Source source) {
        Diagnostics d = new Diagnostics();
        Ast.Document doc = SandboxParser.parse(source, d);
        if (d.sorted().stream().anyMatch(x -> x.isError() && x.code().startsWith("E0"))) return null;
        StringBuilder b = new StringBuilder();
        for (Ast.Entry e : doc.entries()) entry(b, e, 0);
        return b.toString();
    }

    private static void entry(StringBuilder b, Ast.Entry e, int depth) {
        b.append("  ".repeat(depth));
        if (e instanceof Ast.Attribute a) {
            b.append(a.key()).append(a.append() ? " += " : " = ");
            phrase(b, a.value());
            b.append('\n');
            return;
        }
        Ast.Section s = (Ast.Section) e;
        b.append(s.key());
        for (Ast.Label l : s.labels()) b.append(l.quoted() ? " \"" + l.text() + "\"" : " " + l.text());
        b.append(" {").append(s.damaged() ? " damaged" : "").append('\n');
        for (Ast.Entry inner : s.body()) entry(b, inner, depth + 1);
        b.append("  ".repeat(depth)).append("}\n");
    }

    private static void phrase(StringBuilder b, Ast.Phrase p) {
        b.append('(');
        for (Ast.Term t : p.terms()) {
            if (t instanceof Ast.Word w) b.append("word:").append(w.text());
            else if (t instanceof Ast.Str s) b.append("str:").append(s.value().replace("\\", "\\\\").replace("\n", "\\n"));
            else if (t instanceof Ast.Arrow) b.append("arrow");
            else {
                b.append('[');
                for (Ast.Phrase item : ((Ast.ListTerm) t).items()) phrase(b, item);
                b.append(']');
            }
            b.append(' ');
        }
        b.append(')');
    }

    /** The comments in order, trailing blanks aside (the formatter drops those). */
    public static List<String> comments(Source source) {
        Ast.Document doc = SandboxParser.parse(source, new Diagnostics());
        List<String> out = new ArrayList<>();
        for (Ast.Comment c : doc.comments()) out.add(c.text().replaceAll("[ \\t\\f]+$", ""));
        return out;
    }

    /**
     * The policy's findings of a file that checks cleanly, each as rule, message and whether
     * a suppression covers it; lines and columns left out, since formatting moves them.
     * Null when the file does not check.
     */
    public static List<String> findings(Source source, LocalDate today) {
        Frontend.Result r = Frontend.analyze(source);
        if (!r.ok()) return null;
        List<String> out = new ArrayList<>();
        for (Finding f : new Policy(PolicyConfig.defaults(), today, null).evaluate(r)) {
            // Some messages name a line ("matches no finding on line 4"), which formatting may move.
            String message = f.message().replaceAll("\\bline \\d+", "line N");
            out.add(f.rule().id() + " " + message + (f.suppressed() ? " [suppressed]" : ""));
        }
        out.sort(null);
        return out;
    }

    /** Checks what fmt promises for one input; returns null when all holds, else what broke. */
    public static String violation(Source source) {
        Formatter.Result once = Formatter.format(source);
        String tree = tree(source);
        if (!once.formatted()) {
            boolean refusedByFmt = once.errors().stream().map(Diagnostic::code).allMatch(c -> c.equals("E020") || c.equals("E021"));
            if (tree != null && !refusedByFmt) return "a file that parses was not formatted: " + once.errors();
            return null;
        }
        if (tree == null) return "a file that does not parse was formatted";
        Source formatted = new Source(source.name(), source.path(), once.text());
        Formatter.Result twice = Formatter.format(formatted);
        if (!twice.formatted()) return "its own output was refused: " + twice.errors();
        if (!twice.text().equals(once.text())) return "not idempotent:\n" + once.text() + "---\n" + twice.text();
        if (!Objects.equals(tree, tree(formatted))) return "the syntax tree changed:\n" + once.text();
        if (!comments(source).equals(comments(formatted))) return "the comments changed:\n" + once.text();
        if (!once.text().isEmpty() && (!once.text().endsWith("\n") || once.text().endsWith("\n\n"))) {
            return "does not end with exactly one line end";
        }
        if (once.text().contains("\r")) return "a carriage return is left";
        LocalDate day = LocalDate.of(2026, 11, 23);
        if (!Objects.equals(findings(source, day), findings(formatted, day))) {
            return "the findings changed:\n" + findings(source, day) + "\n" + findings(formatted, day);
        }
        return null;
    }

    /** A source read from disk, named as given. */
    public static Source read(Path file, String name) throws java.io.IOException {
        return new Source(name, file.toAbsolutePath().normalize(), java.nio.file.Files.readString(file));
    }
}
