package dev.sandboxc.syntax;

import dev.sandboxc.model.Source;
import dev.sandboxc.model.Span;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The untyped syntax tree: entries, phrases and terms, each with its span. */
public final class Ast {
    private Ast() {}

    /** A parsed file. Comments are kept for suppressions and the formatter. */
    public record Document(Source source, List<Entry> entries, List<Comment> comments) {}

    public record Comment(String text, Span span) {
        /** `# sandboxc:ignore ...`: group 1 is what follows the directive. */
        public static final Pattern SUPPRESSION = Pattern.compile("#\\s*sandboxc:ignore\\b(.*)");

        /**
         * What follows {@code sandboxc:ignore} in a suppression comment; null for any other
         * comment. The directive's fixed text is looked for first: most comments are prose,
         * and a regex for each of them adds up over a batch.
         */
        public String suppressionText() {
            if (!text.contains("sandboxc:ignore")) return null;
            Matcher m = SUPPRESSION.matcher(text);
            return m.lookingAt() ? m.group(1) : null;
        }

        public boolean isSuppression() { return suppressionText() != null; }

        /** True when code comes before it on its line. */
        public boolean trailing() {
            Source src = span.source();
            return !src.lineText(span.line()).substring(0, span.column() - 1).isBlank();
        }

        /**
         * The line it speaks about: its own when it trails code, else the next line that is
         * neither blank nor a comment (-1 at the end of the file). Suppressions cover this line.
         */
        public int coveredLine() {
            int line = span.line();
            if (trailing()) return line;
            Source src = span.source();
            for (int l = line + 1; l <= src.lineCount(); l++) {
                String t = src.lineText(l).strip();
                if (!t.isEmpty() && !t.startsWith("#")) return l;
            }
            return -1;
        }
    }

    public sealed interface Entry permits Attribute, Section {
        String key();
        Span keySpan();
        Span span();
    }

    /** `key = phrase` or `key += phrase`. */
    public record Attribute(String key, Span keySpan, boolean append, Phrase value, Span span) implements Entry {}

    /**
     * `key label... { body }`. {@code damaged}: a syntax or string error dropped an entry
     * of the body, so "missing setting" errors about it would only be echoes.
     */
    public record Section(String key, Span keySpan, List<Label> labels, List<Entry> body, Span span, boolean damaged)
            implements Entry {
        public Section(String key, Span keySpan, List<Label> labels, List<Entry> body, Span span) {
            this(key, keySpan, labels, body, span, false);
        }

        public String label(int i) { return i < labels.size() ? labels.get(i).text() : null; }
    }

    public record Label(String text, boolean quoted, Span span) {}

    /** One or more terms after `=`. */
    public record Phrase(List<Term> terms, Span span) {
        public Term first() { return terms.get(0); }
        public int size() { return terms.size(); }
    }

    public sealed interface Term permits Word, Str, ListTerm, Arrow {
        Span span();
    }

    public record Word(String text, Span span) implements Term {}

    /** A string literal, already unescaped. */
    public record Str(String value, Span span) implements Term {}

    public record ListTerm(List<Phrase> items, Span span) implements Term {}

    public record Arrow(Span span) implements Term {}

    /** How a term reads in a message: `8192`, `"8192"`, `a list`. */
    public static String describe(Term t) {
        if (t instanceof Word w) return w.text();
        if (t instanceof Str s) return '"' + s.value() + '"';
        if (t instanceof ListTerm) return "a list";
        return "'->'";
    }

    public static String describe(Phrase p) {
        if (p.size() == 1) return describe(p.first());
        StringBuilder b = new StringBuilder();
        for (Term t : p.terms()) {
            if (b.length() > 0) b.append(' ');
            b.append(t instanceof ListTerm ? "[...]" : describe(t));
        }
        return b.toString();
    }
}
