package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.template.SimpleHash;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.SimpleSequence;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The template functions that stand in for FreeMarker's built-ins, and that no built-in creeps back. */
class TemplatesTest {

    private static final Path TEMPLATES = Path.of("..", "templates");

    @Test
    void templatesUseNoBuiltIns() throws IOException {
        // Inside ${...} and FTL tags, '?' followed by a letter is a built-in (x?c); '??' is the
        // missing-value test, which is not one. The Nix text around them may use '?' freely.
        Pattern ftl = Pattern.compile("\\$\\{[^}]*}|<#[^>]*>");
        Pattern builtIn = Pattern.compile("(?<!\\?)\\?[a-z_]");
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(TEMPLATES)) {
            files = s.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
        }
        assertTrue(files.size() >= 2, "templates not found under " + TEMPLATES.toAbsolutePath());
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = ftl.matcher(lines.get(i));
                while (m.find()) {
                    if (builtIn.matcher(m.group()).find()) found.add(f.getFileName() + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "use lit(x) or nonEmpty(x) instead of built-ins");
        // Nor number literals in expressions (x gt 0): FreeMarker parses them into BigDecimals.
        List<String> numbers = new ArrayList<>();
        Pattern literal = Pattern.compile("(?<![\\w.\"])\\d");
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = ftl.matcher(lines.get(i));
                while (m.find()) {
                    String inside = m.group().replaceAll("\"[^\"]*\"", "\"\"");
                    if (literal.matcher(inside).find()) numbers.add(f.getFileName() + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), numbers, "test presence (x??) or pass a boolean instead of comparing with a number");
    }

    @Test
    void builtInDetectorSeesBuiltIns() {
        // The check above must be able to fail: these are what it looks for.
        Pattern builtIn = Pattern.compile("(?<!\\?)\\?[a-z_]");
        for (String s : List.of("${mem?c}", "<#if shares?has_content>", "${x?string}")) assertTrue(builtIn.matcher(s).find(), s);
        for (String s : List.of("<#if vsock??>", "${lit(mem)}", "<#if nonEmpty(shares)>")) assertTrue(!builtIn.matcher(s).find(), s);
        Pattern literal = Pattern.compile("(?<![\\w.\"])\\d");
        assertTrue(literal.matcher("<#if hotplugMem gt 0>").find());
        assertTrue(!literal.matcher("<#list s.v2 as x>").find());
    }

    private static String lit(Object arg) throws TemplateModelException {
        TemplateModel wrapped = arg instanceof TemplateModel t ? t
                : new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build().wrap(arg);
        return ((TemplateScalarModel) Templates.literal(List.of(wrapped))).getAsString();
    }

    @Test
    void litPrintsWholeNumbersAndBooleansAsNix() throws TemplateModelException {
        assertEquals("4096", lit(4096));
        assertEquals("-1", lit(-1));
        assertEquals("1234567890123", lit(1234567890123L));
        assertEquals("2147483647", lit(Integer.MAX_VALUE));
        assertEquals("true", lit(true));
        assertEquals("false", lit(false));
        // No grouping, no locale: what ?c printed.
        assertEquals("1000000", lit(new SimpleNumber(1000000)));
        for (Object bad : List.of(1.5, new SimpleScalar("4096"), new SimpleNumber(2.0))) {
            assertThrows(TemplateModelException.class, () -> lit(bad), String.valueOf(bad));
        }
        assertThrows(TemplateModelException.class, () -> Templates.literal(List.of()));
    }

    private static boolean nonEmpty(TemplateModel arg) throws TemplateModelException {
        return ((TemplateBooleanModel) Templates.nonEmpty(Arrays.asList(arg))).getAsBoolean();
    }

    @Test
    void nonEmptyIsHasContent() throws TemplateModelException {
        var wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build();
        assertTrue(nonEmpty(wrapper.wrap(List.of("a"))));
        assertTrue(!nonEmpty(wrapper.wrap(List.of())));
        assertTrue(nonEmpty(wrapper.wrap(Map.of("k", "v"))));
        assertTrue(!nonEmpty(wrapper.wrap(Map.of())));
        assertTrue(nonEmpty(new SimpleScalar("x")));
        assertTrue(!nonEmpty(new SimpleScalar("")));
        assertTrue(!nonEmpty(null));
        assertTrue(!nonEmpty(new SimpleSequence(wrapper)));
        assertTrue(!nonEmpty(new SimpleHash(wrapper)));
        assertThrows(TemplateModelException.class, () -> nonEmpty(new SimpleNumber(1)));
    }
}
