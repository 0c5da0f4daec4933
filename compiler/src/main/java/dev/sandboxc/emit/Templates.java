package dev.sandboxc.emit;

import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * FreeMarker, set up for byte-identical output in any locale or time zone. Templates
 * escape explicitly: {@code ${nix(x)}} for a Nix string, {@code ${attr(x)}} for an
 * attribute name, {@code ${sh(x)}} for a shell word, {@code ${lit(x)}} for a number or
 * boolean; {@code nonEmpty(x)} tests for content. They use no built-ins (see literal).
 */
public final class Templates {
    /** Parsed templates by name: each is parsed once, by whichever thread asks first. */
    private static final ConcurrentHashMap<String, FutureTask<Template>> PARSED = new ConcurrentHashMap<>();

    private Templates() {}

    /** FreeMarker's configuration, made on first use (a holder, so that naming Templates does not make it). */
    private static final class Holder {
        static final Configuration CONFIG = configure();
    }

    /**
     * Starts FreeMarker's set-up and the parse of the largest template on a second thread,
     * while compile reads, checks and lints its input on the first. In a fresh JVM that
     * set-up is most of a compile (its object wrapper's member-access policy alone is
     * ~45 ms), and none of it depends on the input. Whatever fails there is met again,
     * and reported, by {@link #render}; the thread itself never prints.
     */
    public static void prepareInBackground() {
        Thread t = new Thread(() -> {
            try {
                parsed("guest.nix.ftl");
            } catch (RuntimeException ignored) {
                // render() asks for the same template and reports the failure.
            }
        }, "sandboxc-templates");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Parses a template from the jar. Each is parsed once per run, so FreeMarker's template
     * cache (localized name lookups, jar URL connections, freshness checks) has nothing to do.
     */
    private static Template load(String name) throws IOException {
        InputStream in = Templates.class.getResourceAsStream("/dev/sandboxc/templates/" + name);
        if (in == null) throw new IOException("missing resource templates/" + name);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new Template(name, reader, Holder.CONFIG);
        }
    }

    private static Template parsed(String name) {
        FutureTask<Template> task = PARSED.computeIfAbsent(name, n -> new FutureTask<>(() -> load(n)));
        task.run(); // nothing, when another thread runs or ran it
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("template " + name + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing template " + name, e);
        }
    }

    private static Configuration configure() {
        // Templates fail by exception, never by log line, and FreeMarker's default logger is
        // java.util.logging, whose set-up is a few ms of every compile. (Read on first use.)
        if (System.getProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY) == null) {
            System.setProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY, freemarker.log.Logger.LIBRARY_NAME_NONE);
        }
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setDefaultEncoding("UTF-8");
        c.setOutputEncoding("UTF-8");
        c.setLocale(Locale.ROOT);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        c.setNumberFormat("c");
        c.setBooleanFormat("c");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setAPIBuiltinEnabled(false);
        c.setSharedVariable("nix", method(Nix::str));
        c.setSharedVariable("attr", method(Nix::attr));
        c.setSharedVariable("pkg", method(Nix::pkgs));
        c.setSharedVariable("sh", method(Shell::quote));
        c.setSharedVariable("lit", (TemplateMethodModelEx) Templates::literal);
        c.setSharedVariable("nonEmpty", (TemplateMethodModelEx) Templates::nonEmpty);
        return c;
    }

    /*
     * lit(x) and nonEmpty(x) stand in for FreeMarker's ?c and ?has_content. A template that
     * uses any built-in makes FreeMarker set up all of them, and one holds a BigDecimal,
     * whose set-up on JDK 25 computes 5^65536: ~15 ms of every compile, for two functions
     * this small.
     */

    /** A whole number or a boolean as a Nix literal: 4096, -1, true. */
    static TemplateModel literal(List<?> args) throws TemplateModelException {
        Object arg = args.size() == 1 ? args.get(0) : null;
        if (arg instanceof TemplateBooleanModel b) return new SimpleScalar(b.getAsBoolean() ? "true" : "false");
        if (arg instanceof TemplateNumberModel n
                && (n.getAsNumber() instanceof Integer || n.getAsNumber() instanceof Long)) {
            return new SimpleScalar(n.getAsNumber().toString());
        }
        throw new TemplateModelException("lit expects one whole number or boolean");
    }

    /** True for a list, mapping or string with something in it; false for an empty one or a missing value. */
    static TemplateModel nonEmpty(List<?> args) throws TemplateModelException {
        if (args.size() != 1) throw new TemplateModelException("nonEmpty expects one argument");
        Object arg = args.get(0);
        boolean filled;
        if (arg == null) filled = false;
        else if (arg instanceof TemplateSequenceModel seq) filled = seq.size() > 0;
        else if (arg instanceof TemplateCollectionModel col) filled = col.iterator().hasNext();
        else if (arg instanceof TemplateHashModel hash) filled = !hash.isEmpty();
        else if (arg instanceof TemplateScalarModel str) filled = !str.getAsString().isEmpty();
        else throw new TemplateModelException("nonEmpty expects a list, mapping or string");
        return filled ? TemplateBooleanModel.TRUE : TemplateBooleanModel.FALSE;
    }

    private static TemplateMethodModelEx method(UnaryOperator<String> f) {
        return args -> {
            if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel s)) {
                throw new TemplateModelException("expects one string argument");
            }
            return new SimpleScalar(f.apply(s.getAsString()));
        };
    }

    public static String render(String name, Map<String, Object> model) {
        try {
            StringWriter out = new StringWriter();
            parsed(name).process(model, out);
            return out.toString();
        } catch (IOException | freemarker.template.TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
        }
    }

}
