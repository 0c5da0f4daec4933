package dev.sandboxc.policy.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON and SARIF reports as a small tree of objects and arrays in insertion order,
 * written by jackson-core's generator. Jackson's databind (ObjectMapper and its nodes)
 * did the same with a start-up cost larger than linting the file.
 */
final class Json {
    private Json() {}

    /** An object: keys in the order they were put. */
    static final class Obj {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Obj put(String key, String value) { fields.put(key, value); return this; }

        Obj put(String key, long value) { fields.put(key, value); return this; }

        Obj put(String key, boolean value) { fields.put(key, value); return this; }

        Obj putNull(String key) { fields.put(key, null); return this; }

        Obj putObject(String key) {
            Obj o = new Obj();
            fields.put(key, o);
            return o;
        }

        Arr putArray(String key) {
            Arr a = new Arr();
            fields.put(key, a);
            return a;
        }

        void set(String key, Arr value) { fields.put(key, value); }
    }

    static final class Arr {
        private final List<Object> items = new ArrayList<>();

        Obj addObject() {
            Obj o = new Obj();
            items.add(o);
            return o;
        }

        void add(String value) { items.add(value); }

        void add(Obj value) { items.add(value); }
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Two-space indentation and '\n' line ends on every platform, and a final newline. */
    static String pretty(Obj root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(printer);
            write(g, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out + "\n";
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long n) {
            g.writeNumber(n);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Obj o) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : o.fields.entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object item : ((Arr) value).items) write(g, item);
            g.writeEndArray();
        }
    }
}
