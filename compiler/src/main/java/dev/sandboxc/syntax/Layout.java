package dev.sandboxc.syntax;

import dev.sandboxc.model.Source;
import dev.sandboxc.syntax.gen.SandboxLexer;
import dev.sandboxc.syntax.gen.SandboxParser.AttributeContext;
import dev.sandboxc.syntax.gen.SandboxParser.EntryContext;
import dev.sandboxc.syntax.gen.SandboxParser.LabelContext;
import dev.sandboxc.syntax.gen.SandboxParser.ListContext;
import dev.sandboxc.syntax.gen.SandboxParser.PhraseContext;
import dev.sandboxc.syntax.gen.SandboxParser.SectionContext;
import dev.sandboxc.syntax.gen.SandboxParser.TermContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Lays out one cleanly parsed file in the canonical form of docs/language.md ("Formatting").
 * Every output line holds tokens of one input line only (lines are split, never joined), which
 * is what lets each comment keep the line it speaks about: a trailing comment goes to the output
 * line of the first statement or value its input line held, a comment on its own line goes just
 * above the line it preceded. Where a `sandboxc:ignore` comment covers a line, nothing on that
 * line is split apart, so a suppression covers exactly what it covered before.
 */
final class Layout {
    static final int MAX_WIDTH = 100;
    private static final String INDENT = "  ";

    // The file as a small tree of tokens: the grammar's entries, phrases and lists.
    private sealed interface Entry permits Setting, Block {}

    private record Setting(Token key, Token op, Phrase value) implements Entry {}

    private record Block(Token key, List<Token> labels, Token open, List<Entry> body, Token close) implements Entry {}

    private record Phrase(List<Term> terms) {}

    private sealed interface Term permits Atom, Bracketed {}

    private record Atom(Token token) implements Term {}

    private record Bracketed(Token open, List<Phrase> items, Token close) implements Term {}

    /** One output line; {@code sourceLines} are the input lines of the (non-closing) tokens on it. */
    private static final class Line {
        final int indent;
        final StringBuilder code = new StringBuilder();
        final Set<Integer> sourceLines = new HashSet<>();
        final boolean blankBefore;
        boolean opensBlock;
        boolean closer;
        int run = -1;
        String comment;

        Line(int indent, boolean blankBefore) {
            this.indent = indent;
            this.blankBefore = blankBefore;
        }
    }

    /** An entry of a body as printed: its first and last output lines, and where its `=` or `{` may be aligned. */
    private record Placed(Entry entry, int first, int last, boolean joined, int alignAt) {}

    private final Source source;
    private final List<Entry> file;
    private final List<Ast.Comment> comments;
    /** Every token but line ends, in order, with its index. */
    private final List<Token> tokens = new ArrayList<>();
    private final Map<Token, Integer> tokenIndex = new IdentityHashMap<>();
    /** By token index: the first token from there on its line that starts something (no closing bracket, no separator), or -1. */
    private int[] leadFrom;
    /** By token index: the first token from there that is not a separator, or -1. */
    private int[] codeFrom;
    private final Set<Integer> covered = new HashSet<>();
    private final Set<Object> expanded = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Token, Integer> outputLine = new IdentityHashMap<>();
    private final List<Line> lines = new ArrayList<>();
    private Line current;
    private int runs;

    Layout(Source source, SandboxParser.Tree tree) {
        this.source = source;
        this.file = entries(tree.file().entry());
        this.comments = tree.comments();
        collectTokens(tree.file(), tokens);
        indexTokens();
        for (Ast.Comment c : comments) {
            if (c.isSuppression() && c.coveredLine() > 0) covered.add(c.coveredLine());
        }
    }

    String render() {
        printBody(file, 0, false);
        return assemble(placeComments());
    }

    // ------------------------------------------------------------------ tree

    private static List<Entry> entries(List<EntryContext> contexts) {
        List<Entry> out = new ArrayList<>();
        for (EntryContext c : contexts) {
            if (c instanceof AttributeContext a) {
                out.add(new Setting(a.key, a.op, phrase(a.phrase())));
            } else {
                SectionContext s = (SectionContext) c;
                List<Token> labels = new ArrayList<>();
                for (LabelContext l : s.label()) labels.add(l.getStart());
                out.add(new Block(s.key, labels, s.LBRACE().getSymbol(), entries(s.body().entry()), s.RBRACE().getSymbol()));
            }
        }
        return out;
    }

    private static Phrase phrase(PhraseContext p) {
        List<Term> terms = new ArrayList<>();
        for (TermContext t : p.term()) {
            ListContext l = t.list();
            if (l == null) {
                terms.add(new Atom(t.getStart()));
            } else {
                List<Phrase> items = new ArrayList<>();
                for (PhraseContext item : l.phrase()) items.add(phrase(item));
                terms.add(new Bracketed(l.LBRACK().getSymbol(), items, l.RBRACK().getSymbol()));
            }
        }
        return new Phrase(terms);
    }

    private static void collectTokens(ParseTree node, List<Token> out) {
        if (node instanceof TerminalNode t) {
            int type = t.getSymbol().getType();
            if (type != Token.EOF && type != SandboxLexer.NL) out.add(t.getSymbol());
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) collectTokens(node.getChild(i), out);
    }

    private void indexTokens() {
        int n = tokens.size();
        leadFrom = new int[n];
        codeFrom = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            tokenIndex.put(t, i);
            boolean sameLineNext = i + 1 < n && tokens.get(i + 1).getLine() == t.getLine();
            if (isSeparator(t) || isCloser(t)) leadFrom[i] = sameLineNext ? leadFrom[i + 1] : -1;
            else leadFrom[i] = i;
            if (isSeparator(t)) codeFrom[i] = i + 1 < n ? codeFrom[i + 1] : -1;
            else codeFrom[i] = i;
        }
    }

    /** Index of the first token at or after {@code offset}, or the number of tokens. */
    private int tokenAt(int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offset(tokens.get(mid)) < offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static Token first(Object node) {
        if (node instanceof Setting s) return s.key();
        if (node instanceof Block b) return b.key();
        if (node instanceof Phrase p) return first(p.terms().get(0));
        if (node instanceof Atom a) return a.token();
        return ((Bracketed) node).open();
    }

    private static Token last(Object node) {
        if (node instanceof Setting s) return last(s.value());
        if (node instanceof Block b) return b.close();
        if (node instanceof Phrase p) return last(p.terms().get(p.terms().size() - 1));
        if (node instanceof Atom a) return a.token();
        return ((Bracketed) node).close();
    }

    static boolean isCloser(Token t) {
        return t.getType() == SandboxLexer.RBRACE || t.getType() == SandboxLexer.RBRACK;
    }

    static boolean isSeparator(Token t) {
        return t.getType() == SandboxLexer.SEMI || t.getType() == SandboxLexer.COMMA;
    }

    // ------------------------------------------------------------------ decisions

    /** A block or list stays on one line if it was on one line and was not opened for being too long. */
    private boolean oneLine(Object container) {
        Token open = container instanceof Block b ? b.key() : ((Bracketed) container).open();
        return open.getLine() == last(container).getLine() && !expanded.contains(container);
    }

    /**
     * An entry or list item that starts an output line and was on one line: too long for
     * {@link #MAX_WIDTH}, its outermost blocks or lists are opened, one entry or item per line.
     * Never on a line a suppression covers.
     */
    private void decide(Object node, int indent) {
        int line = first(node).getLine();
        if (line != last(node).getLine() || covered.contains(line)) return;
        StringBuilder flat = new StringBuilder(INDENT.repeat(indent));
        appendFlat(flat, node);
        if (width(flat) <= MAX_WIDTH) return;
        if (node instanceof Block b) {
            expanded.add(b);
        } else {
            Phrase value = node instanceof Setting s ? s.value() : (Phrase) node;
            for (Term t : value.terms()) if (t instanceof Bracketed l) expanded.add(l);
        }
    }

    /** The node on one line, as {@link #printEntry} writes a one-line block or list. */
    private static void appendFlat(StringBuilder b, Object node) {
        if (node instanceof Setting s) {
            b.append(s.key().getText()).append(' ').append(s.op().getText()).append(' ');
            appendFlat(b, s.value());
        } else if (node instanceof Block block) {
            b.append(block.key().getText());
            for (Token l : block.labels()) b.append(' ').append(l.getText());
            b.append(" {");
            for (int i = 0; i < block.body().size(); i++) {
                b.append(i == 0 ? " " : "; ");
                appendFlat(b, block.body().get(i));
            }
            b.append(" }");
        } else if (node instanceof Phrase p) {
            for (int i = 0; i < p.terms().size(); i++) {
                if (i > 0) b.append(' ');
                appendFlat(b, p.terms().get(i));
            }
        } else if (node instanceof Atom a) {
            b.append(a.token().getText());
        } else {
            Bracketed l = (Bracketed) node;
            b.append('[');
            for (int i = 0; i < l.items().size(); i++) {
                b.append(i == 0 ? " " : ", ");
                appendFlat(b, l.items().get(i));
            }
            b.append(" ]");
        }
    }

    /**
     * May {@code next} not start a new line? Only when a suppression covers its input line and
     * the current output line already holds something from that line: breaking there would
     * take it out of the suppression's reach.
     */
    private boolean mustJoin(Token next) {
        return next != null && current != null && covered.contains(next.getLine())
                && current.sourceLines.contains(next.getLine());
    }

    /** The first token after {@code closer} that starts something (further closers and separators skipped), or null. */
    private Token leadAfter(Token closer) {
        int i = tokenIndex.get(closer) + 1;
        while (i < tokens.size()) {
            i = codeFrom[i];
            if (i < 0) return null;
            if (!isCloser(tokens.get(i))) return tokens.get(i);
            i++;
        }
        return null;
    }

    // ------------------------------------------------------------------ printing

    private void newLine(int indent, boolean blankBefore) {
        current = new Line(indent, blankBefore);
        lines.add(current);
    }

    /**
     * The closing bracket of a block or list that is not on one line goes on a line of its own,
     * unless what follows it belongs on the current line (a suppression covers both).
     */
    private void close(Token closer, int indent) {
        if (mustJoin(leadAfter(closer))) {
            text(" ");
        } else {
            newLine(indent, false);
            current.closer = true;
        }
        emit(closer);
    }

    private void emit(Token t) {
        current.code.append(t.getText());
        outputLine.put(t, lines.size() - 1);
        if (!isCloser(t)) current.sourceLines.add(t.getLine());
    }

    private void text(String s) { current.code.append(s); }

    /** The entries of the file or of a block that is not on one line. */
    private void printBody(List<Entry> body, int indent, boolean afterOpener) {
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Entry e = body.get(i);
            Token first = first(e);
            boolean joined = (i > 0 || afterOpener) && mustJoin(first);
            if (joined) {
                text(i == 0 ? " " : "; ");
            } else {
                newLine(indent, startsWithBlank(first));
                decide(e, indent);
            }
            int start = lines.size() - 1;
            int alignAt = printEntry(e, indent);
            placed.add(new Placed(e, start, lines.size() - 1, joined, alignAt));
        }
        align(placed);
    }

    /** Prints one entry from the current position; returns where padding aligns it, or -1. */
    private int printEntry(Entry entry, int indent) {
        if (entry instanceof Setting s) {
            emit(s.key());
            int alignAt = current.code.length();
            text(" ");
            emit(s.op());
            text(" ");
            printPhrase(s.value(), indent);
            return alignAt;
        }
        Block b = (Block) entry;
        emit(b.key());
        for (Token label : b.labels()) {
            text(" ");
            emit(label);
        }
        int alignAt = current.code.length();
        text(" ");
        emit(b.open());
        if (oneLine(b)) {
            for (int i = 0; i < b.body().size(); i++) {
                text(i == 0 ? " " : "; ");
                printEntry(b.body().get(i), indent);
            }
            text(" ");
            emit(b.close());
            return alignAt;
        }
        current.opensBlock = true;
        printBody(b.body(), indent + 1, true);
        close(b.close(), indent);
        return -1;
    }

    private void printPhrase(Phrase p, int indent) {
        List<Term> terms = p.terms();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) text(" ");
            Term t = terms.get(i);
            if (t instanceof Atom a) emit(a.token());
            else printList((Bracketed) t, indent);
        }
    }

    private void printList(Bracketed l, int indent) {
        emit(l.open());
        if (oneLine(l)) {
            for (int i = 0; i < l.items().size(); i++) {
                text(i == 0 ? " " : ", ");
                printPhrase(l.items().get(i), indent);
            }
            text(" ");
            emit(l.close());
            return;
        }
        current.opensBlock = true;
        for (int i = 0; i < l.items().size(); i++) {
            Phrase item = l.items().get(i);
            Token first = first(item);
            if (mustJoin(first)) {
                text(i == 0 ? " " : ", ");
            } else {
                newLine(indent + 1, startsWithBlank(first));
                decide(item, indent + 1);
            }
            printPhrase(item, indent + 1);
        }
        close(l.close(), indent);
    }

    // ------------------------------------------------------------------ alignment

    /**
     * Consecutive settings, each alone on its line, align their `=` (the `=` of `+=` too); consecutive one-line blocks
     * of the same key align their `{`. A blank line, or any other entry, ends such a run; a
     * comment line does not. A run is left unaligned if padding would push a line past the width.
     */
    private void align(List<Placed> placed) {
        int i = 0;
        while (i < placed.size()) {
            if (!alignable(placed, i)) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < placed.size() && alignable(placed, j) && kind(placed.get(j)).equals(kind(placed.get(i)))
                    && !blankBetween(last(placed.get(j - 1).entry()), first(placed.get(j).entry()))) {
                j++;
            }
            pad(placed.subList(i, j));
            i = j;
        }
    }

    private boolean alignable(List<Placed> placed, int i) {
        Placed p = placed.get(i);
        boolean nextJoined = i + 1 < placed.size() && placed.get(i + 1).joined();
        return p.alignAt() >= 0 && p.first() == p.last() && !p.joined() && !nextJoined;
    }

    private static String kind(Placed p) {
        return p.entry() instanceof Block b ? "{" + b.key().getText() : "=";
    }

    private void pad(List<Placed> run) {
        int id = ++runs;
        int target = 0;
        for (Placed p : run) target = Math.max(target, alignedColumn(p));
        boolean fits = true;
        for (Placed p : run) {
            Line l = lines.get(p.first());
            if (lineWidth(l) + target - alignedColumn(p) > MAX_WIDTH) fits = false;
        }
        for (Placed p : run) {
            Line l = lines.get(p.first());
            l.run = id;
            if (fits) l.code.insert(p.alignAt(), " ".repeat(target - alignedColumn(p)));
        }
    }

    /** The column of the `=` (of `+=` too) or `{` that a run lines up, before padding. */
    private int alignedColumn(Placed p) {
        int column = width(lines.get(p.first()).code.substring(0, p.alignAt()));
        return p.entry() instanceof Setting s ? column + s.op().getText().length() - 1 : column;
    }

    // ------------------------------------------------------------------ comments

    /** Comments on their own lines, by the index of the output line they go above; -1 for the end of the file. */
    private Map<Integer, List<Line>> placeComments() {
        Map<Integer, List<Line>> above = new HashMap<>();
        for (Ast.Comment c : comments) {
            String text = stripTrailingBlanks(c.text());
            int offset = c.span().start();
            int line = c.span().line();
            if (c.trailing()) {
                Token anchor = anchorOnLine(line, offset);
                if (anchor != null) {
                    Line target = lines.get(outputLine.get(anchor));
                    if (target.comment == null) {
                        target.comment = text;
                        continue;
                    }
                }
            }
            Token next = nextAnchor(offset);
            int at = next == null ? -1 : outputLine.get(next);
            int indent = next == null ? 0 : lines.get(at).indent + (isCloser(next) ? 1 : 0);
            Line own = new Line(indent, startsWithBlank(offset, line));
            own.code.append(text);
            above.computeIfAbsent(at, k -> new ArrayList<>()).add(own);
        }
        return above;
    }

    /** For a trailing comment: the first statement or value its line holds, else the last bracket closed there. */
    private Token anchorOnLine(int line, int commentOffset) {
        int i = tokenAt(source.lineStart(line));
        if (i < tokens.size() && leadFrom[i] >= 0 && offset(tokens.get(leadFrom[i])) < commentOffset) return tokens.get(leadFrom[i]);
        Token closer = null;
        for (; i < tokens.size() && offset(tokens.get(i)) < commentOffset; i++) {
            if (isCloser(tokens.get(i))) closer = tokens.get(i);
        }
        return closer;
    }

    /**
     * For a comment on its own line: the line it goes above is the one holding the first
     * statement or value of the next line with code, or that line's first closing bracket.
     */
    private Token nextAnchor(int commentOffset) {
        int i = tokenAt(commentOffset);
        int next = i < tokens.size() ? codeFrom[i] : -1;
        if (next < 0) return null;
        return tokens.get(leadFrom[next] >= 0 ? leadFrom[next] : next);
    }

    // ------------------------------------------------------------------ output

    private String assemble(Map<Integer, List<Line>> above) {
        List<Line> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            all.addAll(above.getOrDefault(i, List.of()));
            all.add(lines.get(i));
        }
        all.addAll(above.getOrDefault(-1, List.of()));

        // Trailing comments of a run line up two columns after its longest line that has one.
        Map<Integer, Integer> column = new HashMap<>();
        for (Line l : all) {
            if (l.comment != null && l.run >= 0) column.merge(l.run, lineWidth(l) + 2, Math::max);
        }
        StringBuilder out = new StringBuilder();
        Line previous = null;
        for (Line l : all) {
            if (previous != null && l.blankBefore && !previous.opensBlock && !l.closer) out.append('\n');
            StringBuilder text = new StringBuilder(INDENT.repeat(l.indent)).append(l.code);
            if (l.comment != null) {
                int at = l.run >= 0 ? column.get(l.run) : lineWidth(l) + 2;
                text.append(" ".repeat(Math.max(2, at - width(text)))).append(l.comment);
            }
            out.append(text).append('\n');
            previous = l;
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ source helpers

    private int offset(Token t) { return source.charIndex(t.getStartIndex()); }

    /** Is the token the first on its line, with a blank line right above? */
    private boolean startsWithBlank(Token t) {
        int i = tokenIndex.get(t);
        boolean first = i == 0 || tokens.get(i - 1).getLine() != t.getLine();
        return first && t.getLine() > 1 && isBlank(source.lineText(t.getLine() - 1));
    }

    /** Is the comment at {@code offset} the first thing on its line, with a blank line right above? */
    private boolean startsWithBlank(int offset, int line) {
        if (line <= 1 || !isBlank(source.text().substring(source.lineStart(line), offset))) return false;
        return isBlank(source.lineText(line - 1));
    }

    private boolean blankBetween(Token before, Token after) {
        for (int l = before.getLine() + 1; l < after.getLine(); l++) {
            if (isBlank(source.lineText(l))) return true;
        }
        return false;
    }

    /** Blank as the lexer sees it: spaces, tabs, form feeds and carriage returns only. */
    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\r') return false;
        }
        return true;
    }

    static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t' || s.charAt(end - 1) == '\f')) end--;
        return s.substring(0, end);
    }

    private static int lineWidth(Line l) { return INDENT.length() * l.indent + width(l.code); }

    /** Columns as code points: deterministic, whatever a terminal makes of wide characters. */
    private static int width(CharSequence s) { return Character.codePointCount(s, 0, s.length()); }
}
