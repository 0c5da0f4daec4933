package dev.sandboxc.emit;

import java.nio.charset.StandardCharsets;

/** One file of the output, relative to the output directory, with its bytes. */
public record GeneratedFile(String path, byte[] content) {
    public static GeneratedFile text(String path, String text) {
        return new GeneratedFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public String sha256() { return Digests.sha256(content); }
}
