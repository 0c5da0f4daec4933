package dev.sandboxc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs sandboxc command lines one after the other in a JVM of their own, started in the
 * working folder under test: the JVM cannot change its working folder, and how relative
 * paths resolve against a real one is what PathSpellingsTest checks. One JVM per folder,
 * not per command line, keeps the table fast.
 *
 * <p>Arguments: a JSON file with a list of command lines, and the JSON file to write the
 * results to ({@code status}, {@code out}, {@code err} for each).
 */
public final class RunInFolder {
    private RunInFolder() {}

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<List<String>> commands = json.readValue(Path.of(args[0]).toFile(),
                json.getTypeFactory().constructCollectionType(List.class,
                        json.getTypeFactory().constructCollectionType(List.class, String.class)));
        List<Map<String, Object>> results = new ArrayList<>();
        for (List<String> command : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.run(command.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                    new PrintWriter(out, true), new PrintWriter(err, true));
            results.add(Map.of("status", status, "out", out.toString(), "err", err.toString()));
        }
        json.writeValue(Path.of(args[1]).toFile(), results);
    }

    /** The result of one command line. */
    record Result(int status, String out, String err) {}

    /** Runs {@code commands} in a fresh JVM whose working folder is {@code cwd}. */
    static List<Result> run(Path cwd, List<List<String>> commands) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        Path in = java.nio.file.Files.createTempFile("sandboxc-commands", ".json");
        Path out = java.nio.file.Files.createTempFile("sandboxc-results", ".json");
        try {
            json.writeValue(in.toFile(), commands);
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), RunInFolder.class.getName(),
                    in.toString(), out.toString())
                    .directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String console = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("RunInFolder failed in " + cwd + ":\n" + console);
            List<Map<String, Object>> raw = json.readValue(out.toFile(),
                    json.getTypeFactory().constructCollectionType(List.class, Map.class));
            List<Result> results = new ArrayList<>();
            for (Map<String, Object> r : raw) {
                results.add(new Result((Integer) r.get("status"), (String) r.get("out"), (String) r.get("err")));
            }
            return results;
        } finally {
            java.nio.file.Files.deleteIfExists(in);
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
