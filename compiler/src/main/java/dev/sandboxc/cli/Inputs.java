package dev.sandboxc.cli;

import dev.sandboxc.diag.Diagnostic;
import dev.sandboxc.model.Source;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files: size limit, strict UTF-8, a BOM dropped; problems become diagnostics. */
final class Inputs {
    static final long MAX_BYTES = 1 << 20;

    /** Either a source or a problem that stops this file; {@code usage} problems exit 2. */
    record Read(Source source, String problem, Diagnostic diagnostic, boolean usage) {}

    private Inputs() {}

    static Read read(Path path, String name) {
        try {
            if (!Files.exists(path)) return new Read(null, name + ": no such file", null, true);
            if (Files.isDirectory(path)) return new Read(null, name + ": is a directory, not a .sandbox file", null, true);
            if (!Files.isRegularFile(path)) return new Read(null, name + ": not a regular file", null, true);
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                return new Read(null, name + ": " + size + " bytes is over the 1 MiB limit for a .sandbox file", null, false);
            }
            byte[] bytes = Files.readAllBytes(path);
            int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
            CharBuffer out = CharBuffer.allocate(bytes.length);
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                out.flip();
                String good = out.toString();
                Source partial = new Source(name, path.toAbsolutePath().normalize(), good);
                Diagnostic d = Diagnostic.error("E000", partial.span(good.length(), good.length()),
                        "invalid UTF-8 at byte " + in.position(), "bad byte here",
                        "save the file as UTF-8");
                return new Read(null, null, d, false);
            }
            out.flip();
            return new Read(new Source(name, path.toAbsolutePath().normalize(), out.toString()), null, null, false);
        } catch (NoSuchFileException e) {
            return new Read(null, name + ": no such file", null, true);
        } catch (IOException | SecurityException e) {
            return new Read(null, name + ": cannot read: " + IoErrors.describe(e), null, true);
        }
    }

}
