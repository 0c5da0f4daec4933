package dev.sandboxc.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects diagnostics across the pipeline. The same problem reached twice (an
 * entry inherited by two sandboxes through `extends`) is reported once.
 */
public final class Diagnostics {
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic d) {
        String key = d.code() + '\0' + d.span().source().name() + '\0' + d.span().start() + '\0' + d.message();
        if (seen.add(key)) all.add(d);
    }

    public boolean hasErrors() {
        for (Diagnostic d : all) if (d.isError()) return true;
        return false;
    }

    public int errorCount() {
        int n = 0;
        for (Diagnostic d : all) if (d.isError()) n++;
        return n;
    }

    public int size() { return all.size(); }

    /** In source order, so output is stable whatever order the checks ran in. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.span().source().name())
                .thenComparingInt(d -> d.span().start())
                .thenComparing(Diagnostic::code));
        return copy;
    }
}
