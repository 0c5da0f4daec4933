package dev.sandboxc.syntax;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Source;
import dev.sandboxc.model.Span;
import dev.sandboxc.syntax.gen.SandboxLexer;
import dev.sandboxc.syntax.gen.SandboxParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's recognition errors into diagnostics that name what was expected
 * in words ("expected '=' or '{' after 'memory'") with a hint for the context.
 * Only the first error on a line is reported: the rest are usually its echoes.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    private final Source source;
    private final Diagnostics diagnostics;
    private int lastLine = -1;

    SyntaxErrorStrategy(Source source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /**
     * Resynchronises at the end of the statement: the next line break or ';', or the
     * '}' that closes the current block (a ',' or ']' too inside a list). Brackets
     * opened in the skipped text are skipped whole. ANTLR's default stops at the first
     * token that could follow any rule on the stack, and since a word can start an
     * entry, it stopped mid-line and closed blocks early.
     */
    @Override
    protected void consumeUntil(Parser parser, IntervalSet set) {
        int depth = 0;
        while (true) {
            int t = parser.getInputStream().LA(1);
            if (t == Token.EOF) return;
            if (depth == 0) {
                if (t == SandboxLexer.NL || t == SandboxLexer.SEMI || t == SandboxLexer.RBRACE) return;
                if ((t == SandboxLexer.COMMA || t == SandboxLexer.RBRACK) && set.contains(t)) return;
            }
            if (t == SandboxLexer.LBRACE || t == SandboxLexer.LBRACK) depth++;
            else if ((t == SandboxLexer.RBRACE || t == SandboxLexer.RBRACK) && depth > 0) depth--;
            parser.consume();
        }
    }

    /**
     * A block whose body hit a mistake ends up here, with its '}' still ahead after
     * resynchronising: that brace is this block's, not the enclosing one's.
     */
    @Override
    public void recover(Parser parser, RecognitionException e) {
        super.recover(parser, e);
        if (parser.getContext() instanceof SandboxParser.SectionContext section
                && section.getToken(SandboxLexer.LBRACE, 0) != null
                && section.getToken(SandboxLexer.RBRACE, 0) == null
                && parser.getInputStream().LA(1) == SandboxLexer.RBRACE) {
            parser.consume();
        }
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        report(parser, e.getOffendingToken(), parser.getExpectedTokens());
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        report(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) return;
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) return;
        beginErrorCondition(parser);
        report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (inErrorRecoveryMode(parser)) return;
        beginErrorCondition(parser);
        if (e instanceof NoViableAltException n) reportNoViableAlternative(parser, n);
        else if (e instanceof InputMismatchException m) reportInputMismatch(parser, m);
        else report(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    private void report(Parser parser, Token offending, IntervalSet expected) {
        Span at = spanOf(offending);
        int line = at.line();
        if (line == lastLine) return;
        // After a first error, a stray '}' or a premature end of file is almost always
        // its echo (recovery consumed or invented a brace), not a second mistake.
        if (lastLine >= 0 && offending != null
                && (offending.getType() == SandboxLexer.RBRACE || offending.getType() == Token.EOF)) return;
        lastLine = line;
        ParserRuleContext ctx = parser.getContext();
        String got = describe(offending);
        String wanted = describeExpected(expected);
        String message = "expected " + wanted + ", got " + got;
        diagnostics.add(Diagnostic.error("E010", at, message, "unexpected " + got, hint(ctx, offending, expected)));
    }

    private String hint(ParserRuleContext ctx, Token offending, IntervalSet expected) {
        int type = offending.getType();
        if (type == Token.EOF && expected.contains(SandboxLexer.RBRACE)) {
            return "a block is not closed: add '}' where it ends";
        }
        if (expected.contains(SandboxLexer.NL) && expected.contains(SandboxLexer.SEMI) && !expected.contains(SandboxLexer.WORD)) {
            return "put each setting on its own line, or separate settings on one line with ';'";
        }
        if (expected.contains(SandboxLexer.EQ) && expected.contains(SandboxLexer.LBRACE)) {
            return "write `key = value` for a setting, or `key { ... }` (with labels before '{') for a block";
        }
        if (expected.contains(SandboxLexer.RBRACK)) {
            return "separate list items with ',' or new lines and close the list with ']'";
        }
        if (ctx instanceof SandboxParser.PhraseContext || ctx instanceof SandboxParser.TermContext
                || expected.contains(SandboxLexer.STRING)) {
            return "a value is a word (8, GiB, /workspace, qemu), a \"string\" or a [list]";
        }
        if (type == SandboxLexer.RBRACE) {
            return "this '}' closes no block: remove it or open the block it belongs to";
        }
        return "see docs/language.md for the syntax of entries and blocks";
    }

    private Span spanOf(Token t) {
        if (t == null || t.getType() == Token.EOF || t.getStartIndex() < 0) {
            int end = source.text().length();
            // Point at the last character rather than past the end of the file.
            int at = end;
            while (at > 0 && Character.isWhitespace(source.text().charAt(at - 1))) at--;
            return source.span(Math.max(0, at - 1), Math.max(0, at));
        }
        return source.span(source.charIndex(t.getStartIndex()), source.charIndex(t.getStopIndex() + 1));
    }

    static String describe(Token t) {
        if (t == null) return "nothing";
        return switch (t.getType()) {
            case Token.EOF -> "end of file";
            case SandboxLexer.NL -> "end of line";
            case SandboxLexer.STRING -> "string " + shorten(t.getText());
            case SandboxLexer.WORD -> "'" + shorten(t.getText()) + "'";
            default -> "'" + shorten(t.getText()) + "'";
        };
    }

    static String describeExpected(IntervalSet expected) {
        List<String> names = new ArrayList<>();
        boolean sep = false;
        for (int type : expected.toArray()) {
            switch (type) {
                case SandboxLexer.NL, SandboxLexer.SEMI -> sep = true;
                case SandboxLexer.WORD -> names.add("a name or value");
                case SandboxLexer.STRING -> names.add("a string");
                case SandboxLexer.LBRACE -> names.add("'{'");
                case SandboxLexer.RBRACE -> names.add("'}'");
                case SandboxLexer.LBRACK -> names.add("'['");
                case SandboxLexer.RBRACK -> names.add("']'");
                case SandboxLexer.EQ -> names.add("'='");
                case SandboxLexer.PLUSEQ -> names.add("'+='");
                case SandboxLexer.COMMA -> names.add("','");
                case SandboxLexer.ARROW -> names.add("'->'");
                case Token.EOF -> names.add("end of file");
                default -> { }
            }
        }
        if (sep) names.add(0, "end of line or ';'");
        if (names.isEmpty()) return "something else";
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** A token for a message: a key in it masked before it is cut, so no part of one shows. */
    private static String shorten(String s) {
        s = dev.sandboxc.diag.LiteralSecrets.redact(s, java.util.List.of());
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
