package dev.sandboxc.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context, as `diff -u`
 * writes it (`patch -p0` applies it). Lines are compared with their line ends, so a CRLF
 * line and its LF twin differ. The shortest edit script (Myers) is used while it is cheap;
 * past {@link #MAX_EDITS} differences the changed middle is shown as one replacement.
 */
final class UnifiedDiff {
    static final int CONTEXT = 3;
    static final int MAX_EDITS = 1000;

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

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) prefix++;
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < prefix; i++) out.add(new Edit(Op.KEEP, a.get(i)));
        List<String> midA = a.subList(prefix, a.size() - suffix);
        List<String> midB = b.subList(prefix, b.size() - suffix);
        List<Edit> middle = myers(midA, midB);
        if (middle == null) {
            for (String line : midA) out.add(new Edit(Op.DELETE, line));
            for (String line : midB) out.add(new Edit(Op.INSERT, line));
        } else {
            out.addAll(middle);
        }
        for (int i = a.size() - suffix; i < a.size(); i++) out.add(new Edit(Op.KEEP, a.get(i)));
        return out;
    }

    /** Myers' greedy shortest edit script, or null past {@link #MAX_EDITS} differences. */
    private static List<Edit> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            // Round d reads only diagonals -d-1..d+1 of the round before: keep just those.
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) return null;
        // Walk back through the saved frontiers, from the end to the start.
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] prev = trace.get(d);
            int base = d + 1; // prev[base + k] is diagonal k
            int k = x - y;
            boolean down = k == -d || (k != d && prev[base + k - 1] < prev[base + k + 1]);
            int prevK = down ? k + 1 : k - 1;
            int prevX = prev[base + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                reversed.add(new Edit(Op.KEEP, a.get(x - 1)));
                x--;
                y--;
            }
            if (down) reversed.add(new Edit(Op.INSERT, b.get(y - 1)));
            else reversed.add(new Edit(Op.DELETE, a.get(x - 1)));
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            reversed.add(new Edit(Op.KEEP, a.get(x - 1)));
            x--;
            y--;
        }
        List<Edit> out = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) out.add(reversed.get(i));
        return out;
    }
}
