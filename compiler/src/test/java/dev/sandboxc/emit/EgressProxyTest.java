package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lib-nix/egress-proxy.py on loopback, as qemu runs it (one process per connection,
 * the connection on stdin and stdout), against a local echo server.
 */
class EgressProxyTest {
    @TempDir
    Path tmp;
    Path proxy, allow, log;
    ServerSocket echo;

    @BeforeEach
    void setUp() throws IOException {
        TestSupport.assumePython();
        proxy = tmp.resolve("egress-proxy.py");
        Files.write(proxy, FlakeEmitter.libFile("egress-proxy.py"));
        log = tmp.resolve("egress.jsonl");
        echo = HostStandIns.echoServer();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (echo != null) echo.close();
    }

    int port() { return echo.getLocalPort(); }

    void allow(String... patterns) throws IOException {
        allow = tmp.resolve("allow");
        Files.writeString(allow, "# allowlist\n" + String.join("\n", patterns) + "\n");
    }

    record Exchange(String response, int status) {}

    /** One guest connection: writes {@code request}, then {@code body}, closes its side, reads everything back. */
    Exchange connect(String request, String body, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", proxy.toString(), "--allow", allow.toString(), "--log", log.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(request.getBytes(StandardCharsets.ISO_8859_1));
            in.flush();
            if (body != null) {
                Thread.sleep(200);
                in.write(body.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "proxy hung");
        return new Exchange(out, p.exitValue());
    }

    JsonNode lastLog() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @Test
    void anAllowedHostIsRelayed() throws Exception {
        allow("allowed.test:" + port());
        Exchange e = connect("CONNECT allowed.test:" + port() + " HTTP/1.1\r\nHost: allowed.test\r\n\r\n", "ping\n",
                "--resolve", "allowed.test=127.0.0.1", "--trusted-net", "127.0.0.1/32");
        assertTrue(e.response().startsWith("HTTP/1.1 200 "), e.response());
        assertTrue(e.response().endsWith("\r\n\r\nping\n"), "bytes pass both ways: " + e.response());
        JsonNode l = lastLog();
        assertEquals("allow", l.get("decision").asText());
        assertEquals("allowed.test", l.get("host").asText());
        assertEquals("127.0.0.1", l.get("address").asText());
    }

    @Test
    void aHostOffTheListOrAnotherPortIsDenied() throws Exception {
        allow("allowed.test:" + port(), "*.wild.test:" + port());
        String[] trust = {"--resolve", "allowed.test=127.0.0.1", "--trusted-net", "127.0.0.1/32"};
        assertTrue(connect("CONNECT other.test:" + port() + " HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"));
        assertEquals("not on the allowlist", lastLog().get("reason").asText());
        assertTrue(connect("CONNECT allowed.test:" + (port() + 1) + " HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"));
        assertTrue(connect("CONNECT wild.test:" + port() + " HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"),
                "a wildcard does not match the bare domain");
        assertTrue(connect("CONNECT evilallowed.test:" + port() + " HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"));
        Exchange sub = connect("CONNECT a.wild.test:" + port() + " HTTP/1.1\r\n\r\n", "x",
                "--resolve", "a.wild.test=127.0.0.1", "--trusted-net", "127.0.0.1/32");
        assertTrue(sub.response().startsWith("HTTP/1.1 200"), sub.response());
    }

    @Test
    void namesResolvingToInternalAddressesAreRefused() throws Exception {
        allow("allowed.test:" + port());
        String[][] cases = {{"127.0.0.1", "loopback"}, {"10.1.2.3", "private"}, {"192.168.1.1", "private"},
                {"169.254.169.254", "metadata"}, {"169.254.1.1", "link-local"}, {"100.64.0.1", "carrier-grade"},
                {"::1", "loopback"}, {"0.0.0.0", "non-routable"}};
        for (String[] c : cases) {
            Exchange e = connect("CONNECT allowed.test:" + port() + " HTTP/1.1\r\n\r\n", null, "--resolve", "allowed.test=" + c[0]);
            assertTrue(e.response().startsWith("HTTP/1.1 403"), c[0] + ": " + e.response());
            JsonNode l = lastLog();
            assertEquals("deny", l.get("decision").asText());
            assertTrue(l.get("reason").asText().contains(c[1]), c[0] + ": " + l);
        }
    }

    @Test
    void plainHttpGoesOnlyToHostsMarkedHttpAndInOriginForm() throws Exception {
        allow("http plain.test:" + port(), "tls.test:" + port());
        String[] trust = {"--resolve", "plain.test=127.0.0.1", "--resolve", "tls.test=127.0.0.1", "--trusted-net", "127.0.0.1/32"};
        // The echo server answers with exactly what the origin received.
        Exchange e = connect("GET http://plain.test:" + port() + "/pkg/a?b=1 HTTP/1.1\r\nHost: plain.test\r\n"
                + "Proxy-Connection: keep-alive\r\nProxy-Authorization: Basic eA==\r\nAccept: */*\r\n\r\n", null, trust);
        assertEquals("GET /pkg/a?b=1 HTTP/1.1\r\nHost: plain.test\r\nAccept: */*\r\nConnection: close\r\n\r\n", e.response(),
                "origin form, no proxy headers, one request per connection");
        JsonNode l = lastLog();
        assertEquals("allow", l.get("decision").asText());
        assertEquals("http", l.get("kind").asText());
        assertEquals("GET", l.get("method").asText());
        assertEquals("/pkg/a?b=1", l.get("path").asText());
        Exchange post = connect("POST http://plain.test:" + port() + "/up HTTP/1.1\r\nContent-Length: 4\r\n\r\n", "data", trust);
        assertEquals("POST /up HTTP/1.1\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndata", post.response(), "the body follows");

        assertTrue(connect("CONNECT plain.test:" + port() + " HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"),
                "an http entry does not allow a tunnel");
        assertTrue(connect("GET http://tls.test:" + port() + "/ HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"),
                "a CONNECT entry does not allow plain HTTP");
        assertTrue(connect("GET http://plain.test/ HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 403"),
                "without a port the request is for port 80, which is not listed");
        assertEquals(80, lastLog().get("port").asInt());
        assertTrue(connect("GET http://user@plain.test:" + port() + "/ HTTP/1.1\r\n\r\n", null, trust).response().startsWith("HTTP/1.1 400"));
        assertTrue(connect("GET http://plain.test:" + port() + "/ HTTP/1.1\r\n\r\n", null,
                "--resolve", "plain.test=169.254.169.254").response().startsWith("HTTP/1.1 403"), "the address checks apply too");
        assertEquals("resolves to a metadata address", lastLog().get("reason").asText());
    }

    @Test
    void malformedRequestsAreRefused() throws Exception {
        allow("allowed.test:" + port());
        assertTrue(connect("GARBAGE\r\n\r\n", null).response().startsWith("HTTP/1.1 400"));
        assertTrue(connect("GET / HTTP/1.1\r\nHost: allowed.test\r\n\r\n", null).response().startsWith("HTTP/1.1 405"),
                "a request that is neither CONNECT nor an absolute http URL");
        assertTrue(connect("GET https://allowed.test/ HTTP/1.1\r\n\r\n", null).response().startsWith("HTTP/1.1 405"));
        assertTrue(connect("GET http://allowed.test/ HTTP/1.1\r\n\r\n", null).response().startsWith("HTTP/1.1 403"),
                "plain HTTP needs an `http` entry");
        assertTrue(connect("CONNECT allowed.test HTTP/1.1\r\n\r\n", null).response().startsWith("HTTP/1.1 400"));
        assertTrue(connect("CONNECT allowed.test:99999 HTTP/1.1\r\n\r\n", null).response().startsWith("HTTP/1.1 400"));
        assertTrue(connect("CONNECT " + "a".repeat(10000) + ":443 HTTP/1.1\r\n\r\n", null).response().startsWith("HTTP/1.1 431"));
        assertTrue(connect("CONNECT \u00ff\u0000:443 HTTP/1.1\r\n\r\n", null).response().startsWith("HTTP/1.1 "));
        assertEquals(0, connect("", null).response().length(), "a connection closed at once gets no answer");
    }

    @Test
    void aSlowClientTimesOut() throws Exception {
        allow("allowed.test:" + port());
        List<String> cmd = List.of("python3", proxy.toString(), "--allow", allow.toString(), "--log", log.toString(),
                "--request-timeout", "1");
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().write("CONNECT allowed.test:".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().flush();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), "a client that never finishes its request must not hold the proxy");
        assertTrue(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408"));
        assertEquals("request timed out", lastLog().get("reason").asText());
        p.getOutputStream().close();
    }

    @Test
    void everyDecisionIsOneJsonLine() throws Exception {
        allow("allowed.test:" + port());
        connect("CONNECT a.test:1 HTTP/1.1\r\n\r\n", null);
        connect("CONNECT allowed.test:" + port() + " HTTP/1.1\r\n\r\n", "x", "--resolve", "allowed.test=127.0.0.1",
                "--trusted-net", "127.0.0.0/8");
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        for (String l : lines) assertTrue(new ObjectMapper().readTree(l).has("time"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
    }
}
