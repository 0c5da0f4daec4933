package dev.sandboxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * docs/man/ holds one man page per command, made from picocli's model: picocli's
 * ManPageGenerator writes AsciiDoc, Asciidoctor's manpage converter turns it into roff.
 * A page that differs from what the model makes now is written beside it as
 * NAME.received.1 (review it, then move it over the page), like the golden tests.
 */
class ManPageTest {
    static final Path DIR = TestSupport.root().resolve("docs/man");

    private static Map<String, String> made;

    /** The pages the current model makes: sandboxc.1 and sandboxc-COMMAND.1 (made once: Asciidoctor starts JRuby). */
    static synchronized Map<String, String> pages() {
        if (made == null) made = make();
        return made;
    }

    private static Map<String, String> make() {
        CommandLine root = ViaPicocli.commandLine();
        List<CommandSpec> specs = new ArrayList<>(List.of(root.getCommandSpec()));
        for (var e : root.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help")) specs.add(e.getValue().getCommandSpec());
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            for (CommandSpec spec : specs) {
                StringWriter adoc = new StringWriter();
                ManPageGenerator.writeSingleManPage(new PrintWriter(adoc), spec);
                String roff = asciidoctor.convert(adoc.toString(), Options.builder()
                        .backend("manpage").standalone(true).safe(SafeMode.SECURE)
                        .attributes(Attributes.builder()
                                // Reproducible: no date of today, no generator timestamp.
                                .attribute("reproducible", "")
                                .attribute("docdate", "2026-01-01").attribute("revdate", "2026-01-01")
                                .attribute("mansource", "sandboxc " + Version.VERSION).attribute("manmanual", "sandboxc Manual")
                                .build())
                        .build());
                out.put(spec.qualifiedName("-") + ".1", roff.endsWith("\n") ? roff : roff + "\n");
            }
        }
        return out;
    }

    @Test
    void theManPagesAreMadeFromTheModel() throws IOException {
        Map<String, String> expected = pages();
        assertTrue(expected.containsKey("sandboxc.1") && expected.containsKey("sandboxc-compile.1")
                && expected.containsKey("sandboxc-init.1"), expected.keySet().toString());
        List<String> stale = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Path page = DIR.resolve(e.getKey());
            Path received = DIR.resolve(e.getKey().replace(".1", ".received.1"));
            if (!Files.exists(page) || !Files.readString(page, StandardCharsets.UTF_8).equals(e.getValue())) {
                Files.createDirectories(DIR);
                Files.writeString(received, e.getValue(), StandardCharsets.UTF_8);
                stale.add(e.getKey());
            } else {
                Files.deleteIfExists(received);
            }
        }
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.contains(".received.") && !expected.containsKey(n)) stale.add(n + " (no such command)");
            }
        }
        assertEquals(List.of(), stale, "docs/man/ differs from the model: review docs/man/*.received.1 and move each over its page");
    }

    /** A page says what the command's help says: its options, with their descriptions. */
    @Test
    void aPageCarriesTheOptions() throws IOException {
        String lint = pages().get("sandboxc-lint.1");
        assertTrue(lint.contains(".TH \"SANDBOXC\\-LINT\" \"1\""), "roff, not AsciiDoc");
        assertTrue(lint.contains("\\-\\-fail\\-on") && lint.contains("\\-\\-suppressed"), lint);
        assertTrue(lint.contains(".SH \"NAME\""), lint);
    }
}
