package dev.sandboxc.syntax;

import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Source;
import dev.sandboxc.model.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a well-formed file straight into the {@link Ast}, by hand, following
 * grammar/Sandbox.g4 token for token. ANTLR's lexer and parser simulate their state
 * machines and fill their caches anew in every JVM, which made parsing the largest
 * part of a one-file lint and of a thousand-file batch.
 *
 * <p>It gives up (returns null) at the first thing a well-formed file does not have: a
 * stray character, an unterminated string, a bad escape, a syntax error, nesting deeper
 * than {@link SandboxParser#MAX_DEPTH}. {@link SandboxParser} then parses the file with
 * ANTLR, whose error recovery words the diagnostics. DirectParserTest checks that both
 * build the same tree.
 */
final class DirectParser {
    private static final int WORD = 0, STRING = 1, LBRACE = 2, RBRACE = 3, LBRACK = 4, RBRACK = 5, EQ = 6,
            PLUSEQ = 7, COMMA = 8, SEMI = 9, ARROW = 10, NL = 11, EOF = 12;

    private final Source source;
    private final String text;
    private int[] types = new int[256];
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int count;
    private int pos;
    private final List<Ast.Comment> comments = new ArrayList<>();
    /** Bad escapes are reported here; any report sends the file to ANTLR. */
    private final Diagnostics escapes = new Diagnostics();

    private DirectParser(Source source) {
        this.source = source;
        this.text = source.text();
    }

    /** The document, or null when the file is not well-formed (ANTLR's turn). */
    static Ast.Document parse(Source source) {
        DirectParser p = new DirectParser(source);
        if (!p.lex()) return null;
        List<Ast.Entry> entries = p.body(EOF);
        if (entries == null || p.escapes.size() > 0) return null;
        return new Ast.Document(source, entries, List.copyOf(p.comments));
    }

    // ------------------------------------------------------------------ tokens

    /** WCHAR of the grammar: what a bare word is made of (with inner dashes). */
    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '.' || c == ':' || c == '*' || c == '~' || c == '/';
    }

    private boolean lex() {
        int n = text.length();
        int depth = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            switch (c) {
                case '{', '[' -> {
                    if (++depth > SandboxParser.MAX_DEPTH) return false;
                    add(c == '{' ? LBRACE : LBRACK, i, ++i);
                }
                case '}', ']' -> {
                    depth = Math.max(0, depth - 1);
                    add(c == '}' ? RBRACE : RBRACK, i, ++i);
                }
                case '=' -> add(EQ, i, ++i);
                case ',' -> add(COMMA, i, ++i);
                case ';' -> add(SEMI, i, ++i);
                case '+' -> {
                    if (i + 1 >= n || text.charAt(i + 1) != '=') return false;
                    add(PLUSEQ, i, i += 2);
                }
                case '-' -> {
                    if (i + 1 >= n || text.charAt(i + 1) != '>') return false;
                    add(ARROW, i, i += 2);
                }
                case '"' -> {
                    int end = stringEnd(i);
                    if (end < 0) return false;
                    add(STRING, i, end);
                    i = end;
                }
                case '#' -> {
                    int j = i + 1;
                    while (j < n && text.charAt(j) != '\r' && text.charAt(j) != '\n') j++;
                    comments.add(new Ast.Comment(text.substring(i, j), source.span(i, j)));
                    i = j;
                }
                case '\n' -> add(NL, i, ++i);
                case '\r' -> {
                    // "\r\n" is a line end; a lone '\r' is blank space.
                    if (i + 1 < n && text.charAt(i + 1) == '\n') add(NL, i, i += 2);
                    else i++;
                }
                case ' ', '\t', '\f' -> i++;
                default -> {
                    if (!wordChar(c)) return false;
                    int j = i + 1;
                    while (j < n && (wordChar(text.charAt(j)) || text.charAt(j) == '-')) j++;
                    while (text.charAt(j - 1) == '-') j--; // a word never ends with a dash
                    add(WORD, i, j);
                    i = j;
                }
            }
        }
        add(EOF, n, n);
        return true;
    }

    /** Just past the closing quote of the string opened at {@code open}, or -1 if it is unterminated. */
    private int stringEnd(int open) {
        int n = text.length();
        for (int j = open + 1; j < n; j++) {
            char c = text.charAt(j);
            if (c == '"') return j + 1;
            if (c == '\r' || c == '\n') return -1;
            if (c == '\\') {
                if (j + 1 >= n) return -1;
                j++; // an escape takes any next character, a line break included
            }
        }
        return -1;
    }

    private void add(int type, int start, int end) {
        if (count == types.length) {
            types = Arrays.copyOf(types, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        types[count] = type;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private int type() { return types[pos]; }

    private String text(int token) { return text.substring(starts[token], ends[token]); }

    private Span span(int token) { return source.span(starts[token], ends[token]); }

    private Span span(int first, int last) { return source.span(starts[first], ends[last]); }

    private String unquote(int token) {
        return SandboxParser.unquote(source, text(token), starts[token], escapes);
    }

    // ------------------------------------------------------------------ grammar

    /** file and body: sep* (entry (sep+ entry)*)? sep*, up to {@code end} (EOF or RBRACE). */
    private List<Ast.Entry> body(int end) {
        List<Ast.Entry> entries = new ArrayList<>();
        boolean separated = skip(NL, SEMI);
        while (type() != end) {
            if (!entries.isEmpty() && !separated) return null;
            Ast.Entry e = entry();
            if (e == null) return null;
            entries.add(e);
            separated = skip(NL, SEMI);
        }
        return List.copyOf(entries);
    }

    /** entry: WORD (EQ | PLUSEQ) phrase | WORD label* LBRACE body RBRACE. */
    private Ast.Entry entry() {
        if (type() != WORD) return null;
        int key = pos++;
        if (type() == EQ || type() == PLUSEQ) {
            boolean append = type() == PLUSEQ;
            pos++;
            Ast.Phrase value = phrase();
            if (value == null) return null;
            return new Ast.Attribute(text(key), span(key), append, value, span(key, pos - 1));
        }
        List<Ast.Label> labels = new ArrayList<>();
        for (; type() == WORD || type() == STRING; pos++) {
            labels.add(type() == WORD ? new Ast.Label(text(pos), false, span(pos)) : new Ast.Label(unquote(pos), true, span(pos)));
        }
        if (type() != LBRACE) return null;
        pos++;
        List<Ast.Entry> body = body(RBRACE);
        if (body == null) return null;
        int close = pos++;
        return new Ast.Section(text(key), span(key), List.copyOf(labels), body, span(key, close), false);
    }

    /** phrase: term+, a term being WORD, STRING, ARROW or a list. */
    private Ast.Phrase phrase() {
        List<Ast.Term> terms = new ArrayList<>();
        while (true) {
            switch (type()) {
                case WORD -> terms.add(new Ast.Word(text(pos), span(pos++)));
                case STRING -> terms.add(new Ast.Str(unquote(pos), span(pos++)));
                case ARROW -> terms.add(new Ast.Arrow(span(pos++)));
                case LBRACK -> {
                    Ast.ListTerm list = list();
                    if (list == null) return null;
                    terms.add(list);
                }
                default -> {
                    if (terms.isEmpty()) return null;
                    return new Ast.Phrase(List.copyOf(terms), terms.get(0).span().to(terms.get(terms.size() - 1).span()));
                }
            }
        }
    }

    /** list: LBRACK lsep* (phrase (lsep+ phrase)*)? lsep* RBRACK, lsep being COMMA or NL. */
    private Ast.ListTerm list() {
        int open = pos++;
        List<Ast.Phrase> items = new ArrayList<>();
        boolean separated = skip(COMMA, NL);
        while (type() != RBRACK) {
            if (!items.isEmpty() && !separated) return null;
            Ast.Phrase item = phrase();
            if (item == null) return null;
            items.add(item);
            separated = skip(COMMA, NL);
        }
        int close = pos++;
        return new Ast.ListTerm(List.copyOf(items), span(open, close));
    }

    /** Skips tokens of either type; true if there was at least one. */
    private boolean skip(int a, int b) {
        int from = pos;
        while (type() == a || type() == b) pos++;
        return pos > from;
    }
}
