package dev.sandboxc.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * sandboxc.json in the output directory: which compiler wrote which files from which
 * source. It is how a later compile knows a file is its own (and unedited), and how
 * `sandboxc check` tells stale or hand-edited output. Written with sorted keys and
 * LF line ends so that it is byte-identical for the same input.
 */
public record Manifest(String version, String source, String sourceSha256, Map<String, String> files) {

    public static final String FILE = "sandboxc.json";

    public byte[] toJson() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // ASCII only, the rest escaped: any name then reads back through a YAML parser too.
            JsonGenerator g = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().createGenerator(out);
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeStringField("generator", "sandboxc");
            g.writeStringField("version", version);
            g.writeObjectFieldStart("source");
            g.writeStringField("path", source);
            g.writeStringField("sha256", sourceSha256);
            g.writeEndObject();
            g.writeObjectFieldStart("files");
            for (var e : new TreeMap<>(files).entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
            g.writeEndObject();
            g.close();
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
    }

    /**
     * Reads a manifest; null when the bytes are not one sandboxc wrote. It is read with
     * SnakeYAML's event parser (JSON is YAML, and toJson writes ASCII only), not
     * jackson-core's: Jackson's parser base class sets up BigDecimal, which on JDK 25
     * costs ~15 ms of every compile into an existing folder and of every check.
     */
    public static Manifest parse(byte[] json) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try {
            Parser p = new ParserImpl(new StreamReader(text), new LoaderOptions());
            p.getEvent(); // stream start
            if (!p.checkEvent(Event.ID.DocumentStart)) return null;
            p.getEvent();
            if (!(p.getEvent() instanceof MappingStartEvent)) return null;
            String version = null, source = null, sha = null, generator = null;
            Map<String, String> files = new TreeMap<>();
            for (Event key = p.getEvent(); !key.is(Event.ID.MappingEnd); key = p.getEvent()) {
                if (!(key instanceof ScalarEvent k)) return null;
                Event value = p.getEvent();
                switch (k.getValue()) {
                    case "generator" -> generator = scalar(p, value);
                    case "version" -> version = scalar(p, value);
                    case "source" -> {
                        if (!(value instanceof MappingStartEvent)) return null;
                        for (Event f = p.getEvent(); !f.is(Event.ID.MappingEnd); f = p.getEvent()) {
                            if (!(f instanceof ScalarEvent name)) return null;
                            String v = scalar(p, p.getEvent());
                            if (name.getValue().equals("path")) source = v;
                            else if (name.getValue().equals("sha256")) sha = v;
                        }
                    }
                    case "files" -> {
                        if (!(value instanceof MappingStartEvent)) return null;
                        for (Event f = p.getEvent(); !f.is(Event.ID.MappingEnd); f = p.getEvent()) {
                            if (!(f instanceof ScalarEvent name) || !(p.getEvent() instanceof ScalarEvent v)) return null;
                            files.put(name.getValue(), v.getValue());
                        }
                    }
                    default -> scalar(p, value);
                }
            }
            if (!"sandboxc".equals(generator) || version == null) return null;
            return new Manifest(version, source, sha, files);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A scalar's text; for a mapping or list, null, after passing over it. */
    private static String scalar(Parser p, Event value) {
        if (value instanceof ScalarEvent s) return s.getValue();
        int depth = value instanceof CollectionStartEvent ? 1 : 0;
        while (depth > 0) {
            Event e = p.getEvent();
            if (e instanceof CollectionStartEvent) depth++;
            else if (e instanceof CollectionEndEvent) depth--;
        }
        return null;
    }

    public static String sourceDigest(String text) {
        return Digests.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
