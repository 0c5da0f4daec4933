package dev.sandboxc.check;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.diag.Diagnostics;
import dev.sandboxc.model.Span;
import dev.sandboxc.syntax.Ast;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries of one block, read against its schema: each known setting and
 * block is taken once; whatever is left at the end is an unknown key, reported
 * with the closest known one.
 */
final class Block {
    private final String where;
    private final Span span;
    private final List<Ast.Entry> entries;
    private final Diagnostics diagnostics;
    private final Map<String, String> settings = new LinkedHashMap<>(); // key -> "a size such as 8 GiB"
    private final Map<String, String> blocks = new LinkedHashMap<>();   // key -> label description
    /**
     * By identity: an entry is one node of the tree, and hashing a record would walk
     * its whole subtree (and link a record bootstrap per class at start-up).
     */
    private final Set<Ast.Entry> used = Collections.newSetFromMap(new IdentityHashMap<>());

    Block(String where, Span span, List<Ast.Entry> entries, Diagnostics diagnostics) {
        this.where = where;
        this.span = span;
        this.entries = entries;
        this.diagnostics = diagnostics;
    }

    Span span() { return span; }

    /** Declares a setting `key = ...` and returns its entry if present. */
    Ast.Attribute setting(String key, String what) {
        settings.put(key, what);
        for (Ast.Entry e : entries) {
            if (e.key().equals(key) && e instanceof Ast.Attribute a) {
                used.add(e);
                return a;
            }
        }
        return null;
    }

    /** Declares a block `key { }` that occurs at most once. */
    Ast.Section section(String key) {
        List<Ast.Section> all = sections(key, null);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Declares a block `key LABEL { }` that may occur several times. */
    List<Ast.Section> sections(String key, String labelWhat) {
        blocks.put(key, labelWhat);
        List<Ast.Section> out = new ArrayList<>();
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (Ast.Entry e : entries) {
            if (e.key().equals(key) && e instanceof Ast.Section s) {
                used.add(e);
                // A second block of the same name is reported as a duplicate (E104); only the first counts.
                if (s.labels().isEmpty() || labels.add(s.label(0))) out.add(s);
            }
        }
        return out;
    }

    /** Reports every entry no declaration took: unknown keys, and settings written as blocks. */
    void finish() {
        for (Ast.Entry e : entries) {
            if (used.contains(e)) continue;
            String key = e.key();
            if (e instanceof Ast.Section && settings.containsKey(key)) {
                diagnostics.add(Diagnostic.error("E110", e.keySpan(), key + " is a setting, not a block",
                        "written as a block", "write " + key + " = " + settings.get(key)));
            } else if (e instanceof Ast.Attribute && blocks.containsKey(key)) {
                String labels = blocks.get(key);
                diagnostics.add(Diagnostic.error("E110", e.keySpan(), key + " is a block, not a setting",
                        "written as a setting", "write " + key + (labels == null ? "" : " " + labels) + " { ... }"));
            } else {
                List<String> known = new ArrayList<>(settings.keySet());
                known.addAll(blocks.keySet());
                String suggestion = Suggest.closest(key, known);
                String help = suggestion != null ? "did you mean '" + suggestion + "'?"
                        : "the keys of " + where + " are: " + String.join(", ", known);
                diagnostics.add(Diagnostic.error("E101", e.keySpan(), "unknown key '" + key + "' in " + where,
                        "not a key of " + where, help));
            }
        }
    }
}
