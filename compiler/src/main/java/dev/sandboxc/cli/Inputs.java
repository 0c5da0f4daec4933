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
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Reads input files: size limit, strict UTF-8, a BOM dropped; problems become diagnostics. */
final class Inputs {
    static final long MAX_BYTES = 1 << 20;

    /**
     * Either a source or a problem that stops this file; {@code usage} problems exit 2.
     * {@code bom}: the file began with a byte order mark (not part of the source).
     */
    record Read(Source source, String problem, Diagnostic diagnostic, boolean usage, boolean bom) {
        Read(Source source, String problem, Diagnostic diagnostic, boolean usage) {
            this(source, problem, diagnostic, usage, false);
        }
    }

    private Inputs() {}

    /**
     * Where a path really is: absolute, with every link and "..", resolved as the kernel
     * resolves them, as far as it exists (the rest, not yet made, appended as written).
     * The flake of a file then comes out byte for byte the same however the file and the
     * output folder were spelt: relative, through a linked folder, with "sub/..".
     */
    static Path canonical(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            // Resolved from the original spelling, so "link/.." means what the kernel makes of it.
            Path real = existing.equals(abs) ? path.toRealPath() : existing.toRealPath();
            return existing.equals(abs) ? real : real.resolve(existing.relativize(abs)).normalize();
        } catch (IOException | SecurityException e) {
            return abs;
        }
    }

    /**
     * A file as reports name it: as the user typed it or as a folder walk found it, with
     * '/' separators and no leading "./" (so "lint ." and "lint x.sandbox" name a file
     * alike, and every format names it as GitHub and SARIF want it: relative to where
     * lint ran).
     */
    static String displayName(Path file) {
        String s = file.toString().replace('\\', '/');
        while (s.startsWith("./") && s.length() > 2) s = s.substring(2);
        return s;
    }

    static Read read(Path path, String name) {
        try {
            if (!Files.exists(path)) return new Read(null, name + ": no such file", null, true);
            if (Files.isDirectory(path)) return new Read(null, name + ": is a directory, not a .sandbox file", null, true);
            if (!Files.isRegularFile(path)) return new Read(null, name + ": not a regular file", null, true);
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                return new Read(null, name + ": " + size + " bytes is over the 1 MiB limit for a .sandbox file", null, false);
            }
            return decode(Files.readAllBytes(path), name, canonical(path));
        } catch (NoSuchFileException e) {
            return new Read(null, name + ": no such file", null, true);
        } catch (IOException | SecurityException e) {
            return new Read(null, name + ": cannot read: " + IoErrors.describe(e), null, true);
        }
    }

    /**
     * Strict UTF-8, a leading BOM dropped (and remembered, for fmt); invalid bytes are error E000.
     * @param path where the text lives, or null for standard input
     */
    static Read decode(byte[] bytes, String name, Path path) {
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
        int start = bom ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String good = out.toString();
            Redacting.remember(good);
            Source partial = new Source(name, path, good);
            Diagnostic d = Diagnostic.error("E000", partial.span(good.length(), good.length()),
                    "invalid UTF-8 at byte " + in.position(), "bad byte here",
                    "save the file as UTF-8");
            return new Read(null, null, d, false, false);
        }
        out.flip();
        String text = out.toString();
        Redacting.remember(text);
        return new Read(new Source(name, path, text), null, null, false, bom);
    }

    /** *.sandbox files below {@code dir}, sorted; hidden folders and build output are skipped. */
    static List<Path> sandboxFiles(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String n = d.getFileName() == null ? "" : d.getFileName().toString();
                boolean skip = !d.equals(dir) && (n.startsWith(".") || n.equals("node_modules") || n.equals("target")
                        || n.equals("result"));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && f.getFileName().toString().endsWith(".sandbox")) found.add(f);
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }
}
