package dev.sandboxc.check;

import java.util.Collection;

/** "Did you mean" by edit distance (with transpositions), as compilers do it. */
public final class Suggest {
    private Suggest() {}

    /** The closest candidate within a distance that fits the word's length, or null. */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.max(1, word.length() / 3);
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** A hint sentence: "did you mean 'memory'?" or the list of what is allowed. */
    public static String hint(String word, Collection<String> candidates, String what) {
        String c = closest(word, candidates);
        if (c != null) return "did you mean '" + c + "'?";
        return what + ": " + String.join(", ", candidates);
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 8) return Integer.MAX_VALUE;
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
