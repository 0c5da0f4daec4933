package dev.sandboxc.policy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Dates as suppressions and exemptions write them. */
final class Dates {
    private Dates() {}

    /**
     * {@link LocalDate#parse}, with the common YYYY-MM-DD read directly: the first use of
     * the ISO formatter sets up java.time's parsing machinery, a noticeable part of a
     * one-file lint. Other shapes (signed or longer years) still go through the formatter.
     */
    static LocalDate parse(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && digits(text, 0, 4) && digits(text, 5, 7) && digits(text, 8, 10)) {
            try {
                return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10));
            } catch (DateTimeException e) {
                throw new DateTimeParseException("not a date: " + e.getMessage(), text, 0, e);
            }
        }
        return LocalDate.parse(text);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
