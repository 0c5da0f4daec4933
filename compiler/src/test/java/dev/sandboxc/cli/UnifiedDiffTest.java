package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff fmt --diff prints: what diff -u prints, and it applies back exactly. */
class UnifiedDiffTest {

    @TempDir
    Path tmp;

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("a", "x\ny\n", "x\ny\n"));
    }

    @Test
    void aChangeWithItsContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertEquals("""
                --- f
                +++ f
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """, UnifiedDiff.of("f", before, after));
    }

    @Test
    void insertionsIntoAnEmptyTextAndAMissingLastLineEnd() {
        assertEquals("--- f\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("f", "", "a\nb\n"));
        assertEquals("--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n", UnifiedDiff.of("f", "a", "a\n"));
    }

    @Test
    void farApartChangesAreSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 30; i++) before.append(i).append('\n');
        String after = before.toString().replace("\n3\n", "\nthree\n").replace("\n27\n", "\n27b\n");
        String diff = UnifiedDiff.of("f", before.toString(), after);
        assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
        assertTrue(diff.contains("@@ -1,6 +1,6 @@") && diff.contains("@@ -24,7 +24,7 @@"), diff);
    }

    @Test
    void randomEditsApplyBack() {
        Random random = new Random(5);
        for (int round = 0; round < 500; round++) {
            String before = randomText(random);
            String after = random.nextInt(4) == 0 ? randomText(random) : mutate(before, random);
            String diff = UnifiedDiff.of("f", before, after);
            assertEquals(after, apply(before, diff), () -> "before:\n" + before + "after:\n" + after + "diff:\n" + diff);
        }
    }

    @Test
    void sameAsDiffMinusU() throws IOException {
        Assumptions.assumeTrue(TestSupport.commandAvailable("diff"), "diff is not installed");
        Random random = new Random(11);
        for (int round = 0; round < 40; round++) {
            String before = randomText(random);
            String after = mutate(before, random);
            Path a = tmp.resolve("a");
            Path b = tmp.resolve("b");
            Files.writeString(a, before, StandardCharsets.UTF_8);
            Files.writeString(b, after, StandardCharsets.UTF_8);
            TestSupport.Exec r = TestSupport.exec(tmp, "diff", "-u", "--label", "f", "--label", "f", "a", "b");
            // Both find a shortest edit, though maybe not the same one: as many lines out and in.
            String ours = UnifiedDiff.of("f", before, after);
            assertEquals(changes(r.stdout()), changes(ours), () -> "diff -u:\n" + r.stdout() + "ours:\n" + ours);
            assertTrue(ours.startsWith("--- f\n+++ f\n@@ -"), ours);
        }
    }

    private static List<Long> changes(String diff) {
        List<String> body = diff.lines().skip(2).toList();
        return List.of(body.stream().filter(l -> l.startsWith("-")).count(), body.stream().filter(l -> l.startsWith("+")).count());
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(25);
        for (int i = 0; i < n; i++) b.append((char) ('a' + random.nextInt(4))).append('\n');
        if (n > 0 && random.nextInt(5) == 0) b.setLength(b.length() - 1);
        return b.toString();
    }

    private static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(UnifiedDiff.lines(text));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, "new" + random.nextInt(3) + "\n");
                case 1 -> { if (!lines.isEmpty()) lines.remove(at); }
                default -> { if (!lines.isEmpty()) lines.set(at, "changed\n"); }
            }
        }
        return String.join("", lines);
    }

    /** A small `patch`: applies a unified diff of one file. */
    static String apply(String before, String diff) {
        List<String> old = UnifiedDiff.lines(before);
        List<String> out = new ArrayList<>();
        List<String> d = diff.lines().toList();
        int next = 0; // the next old line (0-based) not yet copied
        for (int i = 2; i < d.size(); ) {
            String header = d.get(i++);
            String oldRange = header.substring(4, header.indexOf(' ', 4));
            int start = Integer.parseInt(oldRange.split(",")[0]);
            int count = oldRange.contains(",") ? Integer.parseInt(oldRange.split(",")[1]) : 1;
            int from = count == 0 ? start : start - 1;
            while (next < from) out.add(old.get(next++));
            while (i < d.size() && !d.get(i).startsWith("@@")) {
                String line = d.get(i++);
                boolean noEol = i < d.size() && d.get(i).startsWith("\\ ");
                if (noEol) i++;
                String text = line.substring(1) + (noEol ? "" : "\n");
                switch (line.charAt(0)) {
                    case ' ' -> { out.add(text); next++; }
                    case '-' -> next++;
                    default -> out.add(text);
                }
            }
        }
        while (next < old.size()) out.add(old.get(next++));
        return String.join("", out);
    }
}
