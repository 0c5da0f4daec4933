package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates.parse reads what LocalDate.parse reads, and refuses what it refuses. */
class DatesTest {

    static String outcome(java.util.function.Function<String, LocalDate> parse, String text) {
        try {
            return parse.apply(text).toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    @Test
    void agreesWithLocalDateParse() {
        List<String> texts = List.of("2027-03-31", "2026-11-23", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29",
                "2027-04-31", "2027-13-01", "2027-00-10", "2027-01-00", "2027-1-01", "27-01-01", "2027/01/01", "+12027-01-01",
                "12027-01-01", "-2027-01-01", "2027-01-01 ", " 2027-01-01", "2027-01-0a", "２０２７-01-01", "", "tomorrow");
        for (String t : texts) assertEquals(outcome(LocalDate::parse, t), outcome(Dates::parse, t), t);
    }
}
