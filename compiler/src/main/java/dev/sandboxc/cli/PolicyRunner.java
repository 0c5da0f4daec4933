package dev.sandboxc.cli;

import dev.sandboxc.Frontend;
import dev.sandboxc.policy.Finding;
import dev.sandboxc.policy.Folders;
import dev.sandboxc.policy.Policy;
import dev.sandboxc.policy.PolicyConfig;
import dev.sandboxc.policy.rules.Catalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs the policy for compile and lint: finds each file's config (the one given,
 * or the nearest .sandboxc.yaml), and judges dates against today.
 */
final class PolicyRunner {
    private final Path explicitConfig;
    private final Map<Path, PolicyConfig> byFile = new HashMap<>();
    private final LocalDate today;
    private final Path home;
    private final Map<Path, FutureTask<PolicyConfig>> reading = new HashMap<>();
    private final Folders folders = new Folders();

    PolicyRunner(Path explicitConfig) {
        this.explicitConfig = explicitConfig;
        this.today = today();
        String h = System.getProperty("user.home");
        this.home = h == null || h.isEmpty() ? null : Path.of(h);
    }

    /**
     * Today, or SANDBOXC_TODAY (YYYY-MM-DD) so that tests and reproducible CI runs
     * judge expiry dates the same way every day.
     */
    private static LocalDate today() {
        String fixed = System.getenv("SANDBOXC_TODAY");
        if (fixed != null && !fixed.isBlank()) {
            try {
                return LocalDate.parse(fixed.trim());
            } catch (DateTimeParseException e) {
                // Fall through: a wrong value must not make expired suppressions valid forever.
            }
        }
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }

    /** The config file that governs {@code file}: the one given, the nearest .sandboxc.yaml, or null. */
    private Path configFile(Path file) {
        if (explicitConfig != null) return explicitConfig;
        Path dir = file.toAbsolutePath().normalize().getParent();
        return dir == null ? null : folders.config(dir);
    }

    /**
     * Starts reading the config that governs {@code file} on a thread of its own, so that
     * reading YAML, the slowest part of a one-file run, overlaps reading the .sandbox file;
     * {@link #configFor} waits for it and throws what reading it threw.
     */
    void prefetch(Path file) {
        Path found = configFile(file);
        if (found == null || byFile.containsKey(found) || reading.containsKey(found)) return;
        FutureTask<PolicyConfig> task = new FutureTask<>(new Load(found));
        Thread thread = new Thread(task, "sandboxc-config");
        thread.setDaemon(true);
        thread.start();
        reading.put(found, task);
    }

    /** The config that governs {@code file}; throws when it cannot be read. */
    PolicyConfig configFor(Path file) throws PolicyConfig.ConfigException {
        Path found = configFile(file);
        if (found == null) return PolicyConfig.defaults();
        PolicyConfig c = byFile.get(found);
        if (c == null) {
            FutureTask<PolicyConfig> task = reading.remove(found);
            c = task == null ? new Load(found).call() : await(task);
            byFile.put(found, c);
        }
        return c;
    }

    private static PolicyConfig await(FutureTask<PolicyConfig> task) throws PolicyConfig.ConfigException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PolicyConfig.ConfigException c) throw c;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the config", e);
        }
    }

    /** Reads one config file (a class rather than a lambda: a lambda is linked at run time). */
    private static final class Load implements Callable<PolicyConfig> {
        private final Path file;

        Load(Path file) { this.file = file; }

        @Override
        public PolicyConfig call() throws PolicyConfig.ConfigException {
            return PolicyConfig.load(file, Catalog.ids());
        }
    }

    List<Finding> evaluate(Frontend.Result result, PolicyConfig config) {
        return new Policy(config, today, home, folders).evaluate(result);
    }
}
