package dev.sandboxc.policy;

import dev.sandboxc.model.Source;
import dev.sandboxc.model.Span;
import dev.sandboxc.syntax.Ast;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `# sandboxc:ignore SBX-NET-003 reason="…" until=2027-01-31` comments. One that
 * trails code covers its own line; one alone on a line covers the next line that
 * is not itself a comment. Several IDs may be separated by commas.
 */
final class InlineSuppressions {

    /** One parsed comment; {@code problems} are what makes it invalid (then it suppresses nothing). */
    record Comment(Span span, List<String> ids, String reason, LocalDate until, int coversLine,
                   List<String> problems, Span untilSpan) {}

    private static final Pattern IDS = Pattern.compile("\\s*([A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)");
    private static final Pattern REASON = Pattern.compile("\\breason\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern UNTIL = Pattern.compile("\\buntil\\s*=\\s*(\\S+)");

    private InlineSuppressions() {}

    static List<Comment> parse(Ast.Document doc) {
        List<Comment> out = new ArrayList<>();
        Source src = doc.source();
        for (Ast.Comment c : doc.comments()) {
            String rest = c.suppressionText();
            if (rest == null) continue;
            List<String> problems = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Matcher idm = IDS.matcher(rest);
            String afterIds = rest;
            if (idm.lookingAt() && !idm.group(1).startsWith("reason") && !idm.group(1).startsWith("until")) {
                for (String id : idm.group(1).split(",")) ids.add(id.trim());
                afterIds = rest.substring(idm.end());
            }
            if (ids.isEmpty()) problems.add("names no rule");
            Matcher rm = REASON.matcher(afterIds);
            String reason = rm.find() ? rm.group(1).replace("\\\"", "\"").replace("\\\\", "\\").trim() : null;
            if (reason == null || reason.isEmpty()) problems.add("gives no reason=\"...\"");
            LocalDate until = null;
            Span untilSpan = null;
            Matcher um = UNTIL.matcher(afterIds);
            if (um.find()) {
                int off = c.span().start() + (c.text().length() - afterIds.length()) + um.start(1);
                untilSpan = src.span(off, off + um.group(1).length());
                try {
                    until = Dates.parse(um.group(1));
                } catch (DateTimeParseException e) {
                    problems.add("has until=" + um.group(1) + ", which is not a date such as 2027-01-31");
                }
            }
            out.add(new Comment(c.span(), List.copyOf(ids), reason, until, c.coveredLine(), List.copyOf(problems), untilSpan));
        }
        return out;
    }
}
