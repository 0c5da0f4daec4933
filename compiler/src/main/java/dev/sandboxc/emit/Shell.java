package dev.sandboxc.emit;

/** POSIX shell quoting: the value is always one word and never expanded. */
public final class Shell {
    private Shell() {}

    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80 || "-_./:@,+%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
