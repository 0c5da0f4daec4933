package dev.sandboxc.diag;

import dev.sandboxc.model.Span;
import java.util.List;

/**
 * One problem found in an input file.
 *
 * @param code    stable identifier (E0xx syntax, E1xx structure, E2xx types, E3xx references,
 *                E4xx hypervisor capabilities, E5xx consistency); documented in docs/language.md
 * @param label   short text printed under the carets
 * @param notes   secondary locations ("first declared here")
 * @param help    what to write instead; never empty for errors
 */
public record Diagnostic(String code, Severity severity, String message, Span span, String label,
                         List<Note> notes, String help) {

    public record Note(Span span, String message) {}

    public Diagnostic {
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(String code, Span span, String message, String label, String help) {
        return new Diagnostic(code, Severity.ERROR, message, span, label, List.of(), help);
    }

    public static Diagnostic warning(String code, Span span, String message, String label, String help) {
        return new Diagnostic(code, Severity.WARNING, message, span, label, List.of(), help);
    }

    public Diagnostic withNote(Span at, String text) {
        var all = new java.util.ArrayList<>(notes);
        all.add(new Note(at, text));
        return new Diagnostic(code, severity, message, span, label, all, help);
    }

    public boolean isError() { return severity == Severity.ERROR; }
}
