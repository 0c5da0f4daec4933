package dev.sandboxc.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context, as `diff -u`
 * writes it (`patch -p0` applies it). Lines are compared with their line ends, so a CRLF
 * line and its LF twin differ. The edit script is java-diff-utils' (Myers); the hunks, their
 * ranges and the "No newline" markers are written here, because diff -u's conventions for
 * them are what patch expects.
 */
final class UnifiedDiff {
    static final int CONTEXT = 3;

    private UnifiedDiff() {}

    private enum Op { KEEP, DELETE, INSERT }

    private record Edit(Op op, String line) {}

    /** The diff of {@code before} and {@code after}, both labelled {@code name}; "" when they are equal. */
    static String of(String name, String before, String after) {
        if (before.equals(after)) return "";
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(name).append('\n').append("+++ ").append(name).append('\n');
        int i = 0;
        int oldLine = 1;
        int newLine = 1;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.KEEP) {
                oldLine++;
                newLine++;
                i++;
                continue;
            }
            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
            // that is at most 2 * CONTEXT unchanged lines from the next.
            int start = i;
            int back = 0;
            while (start > 0 && back < CONTEXT && edits.get(start - 1).op() == Op.KEEP) {
                start--;
                back++;
            }
            int end = i;
            int lastChange = i;
            while (end < edits.size()) {
                if (edits.get(end).op() != Op.KEEP) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + 1 + CONTEXT);
            int oldStart = oldLine - back;
            int newStart = newLine - back;
            int oldCount = 0;
            int newCount = 0;
            for (int k = start; k < end; k++) {
                Op op = edits.get(k).op();
                if (op != Op.INSERT) oldCount++;
                if (op != Op.DELETE) newCount++;
            }
            out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
            for (int k = start; k < end; k++) {
                Edit e = edits.get(k);
                char mark = switch (e.op()) {
                    case KEEP -> ' ';
                    case DELETE -> '-';
                    case INSERT -> '+';
                };
                out.append(mark);
                if (e.line().endsWith("\n")) {
                    out.append(e.line());
                } else {
                    out.append(e.line()).append("\n\\ No newline at end of file\n");
                }
            }
            for (int k = i; k < end; k++) {
                Op op = edits.get(k).op();
                if (op != Op.INSERT) oldLine++;
                if (op != Op.DELETE) newLine++;
            }
            i = end;
        }
        return out.toString();
    }

    /** `start,count` as diff -u writes it: an empty range names the line before it. */
    private static String range(int start, int count) {
        if (count == 0) return (start - 1) + ",0";
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /** Lines with their line ends; the last may have none. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) out.add(text.substring(from));
        return out;
    }

    /** The shortest edit script from java-diff-utils, as one KEEP/DELETE/INSERT per line. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        List<Edit> out = new ArrayList<>();
        int next = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            for (; next < d.getSource().getPosition(); next++) out.add(new Edit(Op.KEEP, a.get(next)));
            for (String line : d.getSource().getLines()) out.add(new Edit(Op.DELETE, line));
            for (String line : d.getTarget().getLines()) out.add(new Edit(Op.INSERT, line));
            next += d.getSource().size();
        }
        for (; next < a.size(); next++) out.add(new Edit(Op.KEEP, a.get(next)));
        return out;
    }
}
