package dev.sandboxc.policy.rules;

import dev.sandboxc.policy.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule catalogue: every rule, in ID order. Each area lists its rules in its
 * own registry class; a test checks that every Rule class in this package is
 * listed exactly once and that IDs are unique.
 */
public final class Catalog {
    private static final Map<String, Rule> BY_ID;

    static {
        List<Rule> all = new ArrayList<>();
        all.addAll(ShareRules.ALL);
        all.addAll(SecretRules.ALL);
        all.addAll(NetworkRules.ALL);
        all.addAll(PrivilegeRules.ALL);
        all.addAll(ResourceRules.ALL);
        all.addAll(AuditRules.ALL);
        all.addAll(SupplyRules.ALL);
        all.addAll(AgentRules.ALL);
        all.addAll(MetaRules.ALL);
        all.addAll(CompilerWarnings.ALL);
        Map<String, Rule> byId = new LinkedHashMap<>();
        all.sort((a, b) -> a.id().compareTo(b.id()));
        for (Rule r : all) {
            if (byId.put(r.id(), r) != null) throw new IllegalStateException("rule id " + r.id() + " used twice");
        }
        BY_ID = Collections.unmodifiableMap(byId);
    }

    private Catalog() {}

    public static List<Rule> all() { return List.copyOf(BY_ID.values()); }

    public static Set<String> ids() { return BY_ID.keySet(); }

    /** The rule with this ID (case-insensitive), or null. */
    public static Rule find(String id) { return BY_ID.get(id.trim().toUpperCase(java.util.Locale.ROOT)); }
}
