package dev.sandboxc.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

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
            JsonGenerator g = new JsonFactory().createGenerator(out);
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

    /** Reads a manifest; null when the bytes are not one sandboxc wrote. */
    public static Manifest parse(byte[] json) {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            String version = null, source = null, sha = null, generator = null;
            Map<String, String> files = new TreeMap<>();
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "generator" -> generator = p.getValueAsString();
                    case "version" -> version = p.getValueAsString();
                    case "source" -> {
                        if (t != JsonToken.START_OBJECT) return null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (f.equals("path")) source = p.getValueAsString();
                            else if (f.equals("sha256")) sha = p.getValueAsString();
                            else p.skipChildren();
                        }
                    }
                    case "files" -> {
                        if (t != JsonToken.START_OBJECT) return null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (p.currentToken() != JsonToken.VALUE_STRING) return null;
                            files.put(f, p.getValueAsString());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (!"sandboxc".equals(generator) || version == null) return null;
            return new Manifest(version, source, sha, files);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static String sourceDigest(String text) {
        return Digests.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
