package dev.sandboxc.emit;

import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

/**
 * FreeMarker, set up for byte-identical output in any locale or time zone. Templates
 * escape explicitly: {@code ${nix(x)}} for a Nix string, {@code ${attr(x)}} for an
 * attribute name, {@code ${sh(x)}} for a shell word; numbers print with {@code ?c}.
 */
public final class Templates {
    private static final Configuration CONFIG = configure();

    private Templates() {}

    private static Configuration configure() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), "dev/sandboxc/templates");
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
        return c;
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
            Template t = CONFIG.getTemplate(name);
            StringWriter out = new StringWriter();
            t.process(model, out);
            return out.toString();
        } catch (IOException | freemarker.template.TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
        }
    }

}
