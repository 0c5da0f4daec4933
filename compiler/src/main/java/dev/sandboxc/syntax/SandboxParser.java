package dev.sandboxc.syntax;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Source;
import dev.sandboxc.model.Span;
import dev.sandboxc.syntax.gen.SandboxLexer;
import dev.sandboxc.syntax.gen.SandboxParser.AttributeContext;
import dev.sandboxc.syntax.gen.SandboxParser.EntryContext;
import dev.sandboxc.syntax.gen.SandboxParser.FileContext;
import dev.sandboxc.syntax.gen.SandboxParser.LabelContext;
import dev.sandboxc.syntax.gen.SandboxParser.ListContext;
import dev.sandboxc.syntax.gen.SandboxParser.PhraseContext;
import dev.sandboxc.syntax.gen.SandboxParser.SectionContext;
import dev.sandboxc.syntax.gen.SandboxParser.TermContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Front end: text to {@link Ast.Document}. Lexical problems (stray characters,
 * unterminated strings, bad escapes) and syntax errors become diagnostics; the
 * parse goes on so that one run reports every independent mistake.
 */
public final class SandboxParser {

    private SandboxParser() {}

    public static Ast.Document parse(Source source, Diagnostics diagnostics) {
        // Well-formed files (nearly all) are read without ANTLR; the rest get its error recovery.
        Ast.Document direct = DirectParser.parse(source);
        return direct != null ? direct : parseWithAntlr(source, diagnostics);
    }

    /** The ANTLR front end: every file, well-formed or not, with diagnostics for what is wrong. */
    static Ast.Document parseWithAntlr(Source source, Diagnostics diagnostics) {
        return parseWithTree(source, diagnostics).document();
    }

    /**
     * The parse tree with every comment, for the formatter, which needs the separators and
     * brackets the {@link Ast} leaves out. {@code file} is null when nesting is too deep.
     * Only a tree parsed without error diagnostics is complete.
     */
    record Tree(FileContext file, List<Ast.Comment> comments) {}

    record Parsed(Ast.Document document, Tree tree) {}

    /** The ANTLR parse, keeping the parse tree too; string errors (E003) come from building the document. */
    static Parsed parseWithTree(Source source, Diagnostics diagnostics) {
        Set<Integer> lexDamaged = new HashSet<>();
        Tree tree = tree(source, lexDamaged, diagnostics);
        List<Ast.Entry> entries = tree.file() == null ? List.of()
                : entries(source, tree.file().entry(), lexDamaged, diagnostics, tree.file());
        return new Parsed(new Ast.Document(source, entries, tree.comments()), tree);
    }

    private static Tree tree(Source source, Set<Integer> lexDamaged, Diagnostics diagnostics) {
        List<Token> tokens = new ArrayList<>();
        List<Ast.Comment> comments = new ArrayList<>();
        Token tooDeep = lex(source, tokens, comments, lexDamaged, diagnostics);

        // The parser recurses once per bracket: refuse absurd nesting before it can overflow the stack.
        if (tooDeep != null) {
            diagnostics.add(Diagnostic.error("E011", span(source, tooDeep),
                    "blocks and lists are nested more than " + MAX_DEPTH + " deep", "too deep",
                    "a sandbox needs a few levels at most; look for brackets that are never closed"));
            return new Tree(null, List.copyOf(comments));
        }
        return new Tree(parseTokens(source, tokens, diagnostics), List.copyOf(comments));
    }

    static final int MAX_DEPTH = 64;

    /**
     * Tokens to {@code out}, comments aside, lexical errors reported.
     * @return the first bracket nested deeper than {@link #MAX_DEPTH}, or null
     */
    private static Token lex(Source source, List<Token> out, List<Ast.Comment> comments, Set<Integer> damaged,
                             Diagnostics diagnostics) {
        SandboxLexer lexer = new SandboxLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        int lastErrorLine = -1;
        Token tooDeep = null;
        java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            switch (t.getType()) {
                case SandboxLexer.LBRACE, SandboxLexer.LBRACK -> {
                    open.push(t);
                    if (tooDeep == null && open.size() > MAX_DEPTH) tooDeep = t;
                    out.add(t);
                }
                case SandboxLexer.RBRACE, SandboxLexer.RBRACK -> {
                    int opener = t.getType() == SandboxLexer.RBRACE ? SandboxLexer.LBRACE : SandboxLexer.LBRACK;
                    if (!open.isEmpty() && open.peek().getType() == opener) open.pop();
                    out.add(t);
                }
                case SandboxLexer.COMMENT ->
                    comments.add(new Ast.Comment(t.getText(), span(source, t)));
                case SandboxLexer.ERROR_CHAR -> {
                    // One report per line: a run of junk is one mistake, not ten.
                    if (t.getLine() != lastErrorLine) {
                        lastErrorLine = t.getLine();
                        diagnostics.add(Diagnostic.error("E001", span(source, t),
                                "unexpected character " + describeChar(t.getText()),
                                "not part of the language",
                                "names and values are letters, digits and . _ - : / * ~; quote anything else: \"...\""));
                    }
                }
                case SandboxLexer.UNTERMINATED_STRING -> {
                    diagnostics.add(Diagnostic.error("E002", source.span(source.charIndex(t.getStartIndex()), source.charIndex(t.getStartIndex()) + 1),
                            "unterminated string", "this string is never closed",
                            "close it with \" on the same line; write \\n for a line break inside a string"));
                    CommonToken fixed = new CommonToken(t);
                    fixed.setType(SandboxLexer.STRING);
                    out.add(fixed);
                    // The string swallowed the rest of the line, closing brackets included:
                    // close what this line opened, so the mistake stays on this line.
                    damaged.add(t.getLine());
                    while (!open.isEmpty() && open.peek().getLine() == t.getLine()) {
                        Token o = open.pop();
                        CommonToken close = new CommonToken(t);
                        close.setType(o.getType() == SandboxLexer.LBRACE ? SandboxLexer.RBRACE : SandboxLexer.RBRACK);
                        close.setText(o.getType() == SandboxLexer.LBRACE ? "}" : "]");
                        close.setStartIndex(t.getStopIndex());
                        close.setStopIndex(t.getStopIndex());
                        out.add(close);
                    }
                }
                default -> {
                    if (t.getChannel() == Token.DEFAULT_CHANNEL) out.add(t);
                }
            }
        }
        return tooDeep;
    }

    private static FileContext parseTokens(Source source, List<Token> tokens, Diagnostics diagnostics) {
        // Fast path: SLL prediction with bail-out; almost every file parses here.
        var parser = newParser(source, tokens);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.file();
        } catch (ParseCancellationException e) {
            // Slow path with full LL and error reporting/recovery.
            parser = newParser(source, tokens);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new SyntaxErrorStrategy(source, diagnostics));
            return parser.file();
        }
    }

    private static dev.sandboxc.syntax.gen.SandboxParser newParser(Source source, List<Token> tokens) {
        ListTokenSource tokenSource = new ListTokenSource(tokens, source.name());
        var parser = new dev.sandboxc.syntax.gen.SandboxParser(new CommonTokenStream(tokenSource));
        parser.removeErrorListeners();
        return parser;
    }

    // ------------------------------------------------------------------ tree to AST

    private static Ast.Entry entry(Source source, EntryContext ctx, Set<Integer> lexDamaged, Diagnostics diagnostics) {
        if (ctx instanceof AttributeContext a) {
            if (a.key == null || a.phrase() == null || a.phrase().term().isEmpty() || hasMissing(a)) return null;
            int errorsBefore = diagnostics.errorCount();
            Ast.Phrase value = phrase(source, a.phrase(), diagnostics);
            // A string with a bad escape was reported; typing its mangled value would only echo it.
            if (value == null || diagnostics.errorCount() > errorsBefore) return null;
            return new Ast.Attribute(a.key.getText(), span(source, a.key),
                    a.op != null && a.op.getType() == SandboxLexer.PLUSEQ, value, span(source, a));
        }
        if (ctx instanceof SectionContext s) {
            if (s.key == null || s.body() == null) return null;
            List<Ast.Label> labels = new ArrayList<>();
            for (LabelContext l : s.label()) {
                Token t = l.getStart();
                if (t.getType() == SandboxLexer.STRING) {
                    labels.add(new Ast.Label(unquote(source, t, diagnostics), true, span(source, t)));
                } else {
                    labels.add(new Ast.Label(t.getText(), false, span(source, t)));
                }
            }
            int errorsBefore = diagnostics.errorCount();
            // Recovery may park the skipped tokens on the section itself rather than its body.
            List<Ast.Entry> body = entries(source, s.body().entry(), lexDamaged, diagnostics, s.body(), s);
            boolean damaged = diagnostics.errorCount() > errorsBefore || body.size() < s.body().entry().size();
            return new Ast.Section(s.key.getText(), span(source, s.key), List.copyOf(labels), body, span(source, s), damaged);
        }
        return null;
    }

    /**
     * The entries of a file or block body. An attribute a syntax error touched, or one on
     * a line where recovery skipped tokens, is dropped: typing it would only echo the error.
     */
    private static List<Ast.Entry> entries(Source source, List<EntryContext> contexts, Set<Integer> lexDamaged,
                                           Diagnostics diagnostics, ParserRuleContext... owners) {
        Set<Integer> damaged = new HashSet<>(lexDamaged);
        for (ParserRuleContext owner : owners) damaged.addAll(damagedLines(owner));
        List<Ast.Entry> entries = new ArrayList<>();
        for (EntryContext e : contexts) {
            if (e instanceof AttributeContext && damaged.contains(e.getStop().getLine())) continue;
            Ast.Entry built = entry(source, e, lexDamaged, diagnostics);
            if (built != null) entries.add(built);
        }
        return List.copyOf(entries);
    }

    private static Ast.Phrase phrase(Source source, PhraseContext ctx, Diagnostics diagnostics) {
        List<Ast.Term> terms = new ArrayList<>();
        for (TermContext t : ctx.term()) {
            Ast.Term term = term(source, t, diagnostics);
            if (term != null) terms.add(term);
        }
        if (terms.isEmpty()) return null;
        return new Ast.Phrase(List.copyOf(terms), terms.get(0).span().to(terms.get(terms.size() - 1).span()));
    }

    private static Ast.Term term(Source source, TermContext ctx, Diagnostics diagnostics) {
        if (ctx.list() != null) {
            ListContext l = ctx.list();
            List<Ast.Phrase> items = new ArrayList<>();
            for (PhraseContext p : l.phrase()) {
                Ast.Phrase item = phrase(source, p, diagnostics);
                if (item != null) items.add(item);
            }
            return new Ast.ListTerm(List.copyOf(items), span(source, l));
        }
        Token t = ctx.getStart();
        if (t == null || t.getTokenIndex() < 0 && t.getStartIndex() < 0) return null;
        return switch (t.getType()) {
            case SandboxLexer.WORD -> new Ast.Word(t.getText(), span(source, t));
            case SandboxLexer.STRING -> new Ast.Str(unquote(source, t, diagnostics), span(source, t));
            case SandboxLexer.ARROW -> new Ast.Arrow(span(source, t));
            default -> null;
        };
    }

    /** Lines on which the parser skipped tokens while recovering inside this block. */
    private static Set<Integer> damagedLines(ParserRuleContext block) {
        Set<Integer> lines = new HashSet<>();
        if (block.children == null) return lines;
        for (var child : block.children) {
            if (child instanceof org.antlr.v4.runtime.tree.ErrorNode n) lines.add(n.getSymbol().getLine());
        }
        return lines;
    }

    /**
     * True when a syntax error touched this subtree: such an entry is dropped rather
     * than typed, so one syntax error does not also come back as a type error.
     */
    private static boolean hasMissing(ParserRuleContext ctx) {
        if (ctx.exception != null) return true;
        if (ctx.children == null) return false;
        for (var child : ctx.children) {
            if (child instanceof org.antlr.v4.runtime.tree.ErrorNode) return true;
            if (child instanceof ParserRuleContext c && !(c instanceof SectionContext) && hasMissing(c)) return true;
        }
        return false;
    }

    /** Decodes a string token; reports unknown escapes at their exact column. */
    static String unquote(Source source, Token t, Diagnostics diagnostics) {
        return unquote(source, t.getText(), source.charIndex(t.getStartIndex()), diagnostics);
    }

    /** @param raw the string token as written, quotes included; @param base its offset in the source */
    static String unquote(Source source, String raw, int base, Diagnostics diagnostics) {
        int end = raw.length() > 1 && raw.endsWith("\"") && !raw.endsWith("\\\"") ? raw.length() - 1 : raw.length();
        if (raw.length() >= 2 && raw.endsWith("\\\"")) {
            // `"a\"` closed by an escaped quote only when the backslashes before it are even.
            int bs = 0;
            for (int i = raw.length() - 2; i > 0 && raw.charAt(i) == '\\'; i--) bs++;
            end = bs % 2 == 0 ? raw.length() - 1 : raw.length();
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c == 0) {
                // Nix strings cannot hold NUL, and no shell argument can either.
                diagnostics.add(Diagnostic.error("E003", source.span(base + i, base + i + 1),
                        "NUL character in string", "NUL is not allowed",
                        "remove the NUL byte; strings cannot contain it"));
                continue;
            }
            if (c != '\\' || i + 1 >= end) {
                if (c != '\\') b.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '$' -> b.append('$');
                case 'u' -> {
                    int close = raw.indexOf('}', i);
                    String hex = i + 1 < end && raw.charAt(i + 1) == '{' && close > i + 2 && close < end
                            ? raw.substring(i + 2, close) : null;
                    int cp = -1;
                    if (hex != null && hex.length() <= 6 && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        cp = Integer.parseInt(hex, 16);
                    }
                    if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        diagnostics.add(Diagnostic.error("E003", source.span(base + i - 1, base + i + 1),
                                "invalid unicode escape", "expected \\u{HEX}",
                                "write a code point as \\u{1F600} (1 to 6 hex digits, not 0 and not a surrogate)"));
                    } else {
                        b.appendCodePoint(cp);
                        i = close;
                    }
                }
                default -> diagnostics.add(Diagnostic.error("E003", source.span(base + i - 1, base + i + 1),
                        "unknown escape \\" + e + " in string", "not an escape",
                        "the escapes are \\\" \\\\ \\n \\t \\r \\$ \\u{HEX}; write \\\\ for a backslash"));
            }
        }
        return b.toString();
    }

    static Span span(Source source, Token t) {
        return source.span(source.charIndex(t.getStartIndex()), source.charIndex(t.getStopIndex() + 1));
    }

    static Span span(Source source, ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null && ctx.getStop().getStopIndex() >= start.getStartIndex() ? ctx.getStop() : start;
        return source.span(source.charIndex(start.getStartIndex()), source.charIndex(stop.getStopIndex() + 1));
    }

    private static String describeChar(String text) {
        int cp = text.codePointAt(0);
        if (cp < 0x20 || cp == 0x7f) return String.format("U+%04X", cp);
        return "'" + text + "'";
    }
}
