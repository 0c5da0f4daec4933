package dev.sandboxc.cli;

import dev.sandboxc.Frontend;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Folders;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.Severity;
import dev.sandboxc.policy.rules.Catalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the policy for compile and lint: finds each file's config (the one given,
 * or the nearest .sandboxc.yaml), and judges dates against today.
 */
final class PolicyRunner {
    private final Path explicitConfig;
    private final Map<Path, PolicyConfig> byFile = new HashMap<>();
    private final LocalDate today;
    private final Path home;
    private PolicyConfig explicit;
    private final Folders folders = new Folders();

    PolicyRunner(Path explicitConfig) throws UsageException {
        this.explicitConfig = explicitConfig;
        this.today = today(System.getenv("SANDBOXC_TODAY"));
        String h = System.getProperty("user.home");
        this.home = h == null || h.isEmpty() ? null : Path.of(h);
    }

    /**
     * Today in UTC, or SANDBOXC_TODAY (YYYY-MM-DD) so that tests and reproducible CI runs
     * judge expiry dates the same way every day. A value that is not a date stops the run:
     * ignoring it would judge the dates against a day the user did not mean.
     */
    static LocalDate today(String fixed) throws UsageException {
        if (fixed == null || fixed.isEmpty()) return LocalDate.now(java.time.ZoneOffset.UTC);
        try {
            return LocalDate.parse(fixed.trim());
        } catch (DateTimeParseException e) {
            throw new UsageException("SANDBOXC_TODAY is '" + fixed + "', not a date such as 2027-01-31; set a date,"
                    + " or unset it to judge dates against today");
        }
    }

    /**
     * The one threshold compile and lint share: --fail-on, else the config's fail-on (or its
     * profile's), else high. What compiles then also passes the pre-commit lint.
     */
    static Severity threshold(Severity flag, PolicyConfig config) {
        if (flag != null) return flag;
        return config.failOn() != null ? config.failOn() : Severity.HIGH;
    }

    /** The config that governs {@code file}; throws when it cannot be read. */
    PolicyConfig configFor(Path file) throws PolicyConfig.ConfigException {
        if (explicitConfig != null) {
            if (explicit == null) explicit = PolicyConfig.load(explicitConfig, Catalog.ids());
            return explicit;
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path found = dir == null ? null : folders.config(dir);
        if (found == null) return PolicyConfig.defaults();
        PolicyConfig c = byFile.get(found);
        if (c == null) {
            c = PolicyConfig.load(found, Catalog.ids());
            byFile.put(found, c);
        }
        return c;
    }

    List<Finding> evaluate(Frontend.Result result, PolicyConfig config) {
        return new Policy(config, today, home, folders).evaluate(result);
    }
}
