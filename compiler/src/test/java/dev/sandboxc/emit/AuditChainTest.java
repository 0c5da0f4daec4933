package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lib-nix/audit-chain.py: a sealed record folder verifies; an edit, a deletion or a truncation does not. */
class AuditChainTest {
    @TempDir
    Path tmp;
    Path script, records;

    @BeforeEach
    void setUp() throws IOException {
        TestSupport.assumePython();
        script = tmp.resolve("audit-chain.py");
        Files.write(script, FlakeEmitter.libFile("audit-chain.py"));
        records = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(records.resolve("journal.jsonl"), "{\"MESSAGE\":\"boot\"}\n{\"MESSAGE\":\"agent ran rm -rf /\"}\n{\"MESSAGE\":\"bye\"}\n");
        Files.writeString(records.resolve("egress.jsonl"), "{\"decision\":\"allow\",\"host\":\"api.anthropic.com\"}\n"
                + "{\"decision\":\"deny\",\"host\":\"evil.example\"}\n");
        Files.writeString(records.resolve("exec.log"), "type=EXECVE a0=\"curl\"\n");
    }

    record Result(int status, String out) {}

    Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    String seal() throws Exception {
        Result r = run("seal", records.toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().matches("sha256:[0-9a-f]{64} \\(6 records\\)\\n"), r.out());
        return r.out().substring(0, r.out().indexOf(' '));
    }

    @Test
    void anUntouchedFolderVerifies() throws Exception {
        String head = seal();
        Result r = run("verify", records.toString(), "--head", head);
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("6 records intact"), r.out());
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(records.resolve("chain.jsonl"))));
    }

    @Test
    void anEditedRecordIsFound() throws Exception {
        seal();
        Files.writeString(records.resolve("journal.jsonl"), "{\"MESSAGE\":\"boot\"}\n{\"MESSAGE\":\"agent ran ls\"}\n{\"MESSAGE\":\"bye\"}\n");
        Result r = run("verify", records.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("altered: journal.jsonl record 2"), r.out());
    }

    @Test
    void aDeletedRecordIsFound() throws Exception {
        seal();
        Files.writeString(records.resolve("egress.jsonl"), "{\"decision\":\"allow\",\"host\":\"api.anthropic.com\"}\n");
        Result r = run("verify", records.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("missing or moved") || r.out().contains("truncated"), r.out());
    }

    @Test
    void aTruncatedLogIsFound() throws Exception {
        seal();
        Files.writeString(records.resolve("journal.jsonl"), "{\"MESSAGE\":\"boot\"}\n");
        Result r = run("verify", records.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("truncated: 2 sealed records are missing"), r.out());
        Files.delete(records.resolve("journal.jsonl"));
        assertEquals(1, run("verify", records.toString()).status(), "a deleted file is caught too");
    }

    @Test
    void aRewrittenChainIsCaughtByTheHead() throws Exception {
        String head = seal();
        Files.writeString(records.resolve("exec.log"), "type=EXECVE a0=\"true\"\n");
        records.resolve("chain.jsonl").toFile().setWritable(true);
        seal();
        Result r = run("verify", records.toString(), "--head", head);
        assertEquals(1, r.status());
        assertTrue(r.out().contains("the chain itself was rewritten"), r.out());
    }

    @Test
    void anAddedRecordAndAnUnsealedFolderAreReported() throws Exception {
        seal();
        Files.writeString(records.resolve("journal.jsonl"), "{\"MESSAGE\":\"later\"}\n", java.nio.file.StandardOpenOption.APPEND);
        Result r = run("verify", records.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("added after sealing"), r.out());
        assertEquals(2, run("verify", tmp.resolve("nothing").toString()).status());
        assertEquals(2, run("frobnicate").status());
    }
}
