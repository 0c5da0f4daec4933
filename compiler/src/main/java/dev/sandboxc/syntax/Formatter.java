package dev.sandboxc.syntax;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Source;
import dev.sandboxc.syntax.gen.SandboxLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * `sandboxc fmt`: rewrites a .sandbox file in the canonical layout (docs/language.md,
 * "Formatting"), every comment kept. Needs a file that parses, nothing more: a file with
 * type errors is formatted all the same. Formatting its own output changes nothing.
 */
public final class Formatter {
    /** Blocks and lists wider than this (indentation included) are written one entry per line. */
    public static final int MAX_WIDTH = Layout.MAX_WIDTH;

    private Formatter() {}

    /** The formatted text, or, when {@code text} is null, the errors that stopped formatting. */
    public record Result(String text, List<Diagnostic> errors) {
        public boolean formatted() { return text != null; }
    }

    public static Result format(Source source) {
        Diagnostics diagnostics = new Diagnostics();
        SandboxParser.Tree tree = SandboxParser.parseWithTree(source, diagnostics).tree();
        if (diagnostics.hasErrors() || tree.file() == null) {
            return new Result(null, diagnostics.sorted().stream().filter(Diagnostic::isError).toList());
        }
        Diagnostic loneCarriageReturn = loneCarriageReturn(source);
        if (loneCarriageReturn != null) return new Result(null, List.of(loneCarriageReturn));
        String text = new Layout(source, tree).render();
        Diagnostic moved = suppressionMoved(source, text);
        return moved == null ? new Result(text, List.of()) : new Result(null, List.of(moved));
    }

    /**
     * A carriage return not followed by a line feed is a blank to the parser but ends a comment,
     * so code can follow a comment on the same line; the layout cannot keep such a line as it
     * is, and a line end there would change the file's meaning. Old Mac line ends are the
     * usual cause.
     */
    private static Diagnostic loneCarriageReturn(Source source) {
        String text = source.text();
        for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
            if (i + 1 < text.length() && text.charAt(i + 1) == '\n') continue;
            return Diagnostic.error("E021", source.span(i, i + 1), "a carriage return that does not end a line",
                    "CR without LF", "save the file with LF (or CRLF) line ends, then format again");
        }
        return null;
    }

    /**
     * The layout keeps what each `sandboxc:ignore` comment covers; this re-reads its output to
     * make sure. Should a suppression end up covering other tokens than before, the file is
     * refused rather than have a finding silently come back or go away. The tokens and
     * comments themselves must be unchanged, or the formatter has a bug.
     */
    private static Diagnostic suppressionMoved(Source before, String text) {
        Source after = new Source(before.name(), before.path(), text);
        Lexed in = lex(before);
        Lexed out = lex(after);
        if (!in.sameTokens(out)) throw new IllegalStateException("the formatter changed the tokens of " + before.name());
        if (in.comments().size() != out.comments().size()) {
            throw new IllegalStateException("the formatter lost or added a comment in " + before.name());
        }
        for (int i = 0; i < in.comments().size(); i++) {
            Ast.Comment was = in.comments().get(i);
            Ast.Comment now = out.comments().get(i);
            if (!Layout.stripTrailingBlanks(was.text()).equals(now.text())) {
                throw new IllegalStateException("the formatter changed a comment in " + before.name());
            }
            if (!was.isSuppression()) continue;
            if (!in.startsOn(was.coveredLine()).equals(out.startsOn(now.coveredLine()))) {
                return Diagnostic.error("E020", was.span(),
                        "formatting would change what this suppression covers",
                        "covers line " + was.coveredLine(),
                        "put the comment on its own line directly above the statement it is for, then format again");
            }
        }
        return null;
    }

    /** The code tokens (separators aside: the layout writes its own) and the comments of a text. */
    private record Lexed(List<Token> tokens, List<Ast.Comment> comments, Map<Integer, List<Integer>> startsByLine) {
        boolean sameTokens(Lexed other) {
            if (tokens.size() != other.tokens.size()) return false;
            for (int i = 0; i < tokens.size(); i++) {
                Token a = tokens.get(i);
                Token b = other.tokens.get(i);
                if (a.getType() != b.getType() || !Objects.equals(a.getText(), b.getText())) return false;
            }
            return true;
        }

        /** Indexes of the tokens that start something on {@code line} (closing brackets start nothing). */
        List<Integer> startsOn(int line) {
            return startsByLine.getOrDefault(line, List.of());
        }
    }

    private static Lexed lex(Source source) {
        SandboxLexer lexer = new SandboxLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        List<Ast.Comment> comments = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == SandboxLexer.COMMENT) comments.add(new Ast.Comment(t.getText(), SandboxParser.span(source, t)));
            else if (t.getType() != SandboxLexer.NL && !Layout.isSeparator(t)) tokens.add(t);
        }
        Map<Integer, List<Integer>> startsByLine = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!Layout.isCloser(t)) startsByLine.computeIfAbsent(t.getLine(), k -> new ArrayList<>()).add(i);
        }
        return new Lexed(tokens, comments, startsByLine);
    }
}
