package dev.sandboxc.emit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a generated flake into a directory without ever destroying work:
 * <ul>
 * <li>a file that exists and that sandboxc did not write (or that was edited since)
 *     is a conflict, and nothing at all is written unless {@code force};</li>
 * <li>each file is written to a temporary sibling and renamed into place, so a
 *     reader sees the old bytes or the new, never half a file;</li>
 * <li>files sandboxc wrote before and no longer generates are removed;</li>
 * <li>the manifest goes last, so an interrupted run is recognised and finished by the next.</li>
 * </ul>
 * Works on any {@link java.nio.file.FileSystem} (tests use Jimfs).
 */
public final class OutputWriter {

    public enum Reason {
        /** The file exists and no manifest says sandboxc wrote it. */
        NOT_GENERATED,
        /** sandboxc wrote it, and it was changed by hand since. */
        EDITED,
        /** A folder, link or device where a generated file belongs (or a linked parent folder). */
        NOT_A_FILE,
        /** The folder holds the flake of another .sandbox file. */
        OTHER_SOURCE
    }

    public record Conflict(String path, Reason reason) {}

    /**
     * {@code conflicts} were refused, or, with force, overwritten; {@code previousSource} is
     * the source the folder's manifest named before this write (null without one).
     */
    public record Outcome(List<String> written, List<String> unchanged, List<String> removed, List<Conflict> conflicts,
                          boolean forced, String previousSource) {
        public boolean refused() { return !conflicts.isEmpty() && !forced; }
    }

    private OutputWriter() {}

    public static Outcome write(Path dir, List<GeneratedFile> files, Manifest manifest, boolean force) throws IOException {
        // Absolute first: "." normalises to the empty path, which no file path starts with,
        // and "sub/.." to "", so every file would seem to escape the folder.
        dir = dir.toAbsolutePath().normalize();
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        Map<String, byte[]> target = new LinkedHashMap<>();
        for (GeneratedFile f : files) target.put(f.path(), f.content());
        target.put(Manifest.FILE, manifest.toJson());

        Manifest previous = readManifest(dir);
        Map<String, String> owned = previous == null ? Map.of() : previous.files();

        List<Conflict> conflicts = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        if (previous != null && previous.source() != null && !previous.source().equals(manifest.source())) {
            conflicts.add(new Conflict(Manifest.FILE, Reason.OTHER_SOURCE));
        }
        for (var e : target.entrySet()) {
            Path p = resolve(dir, e.getKey());
            if (linkedParent(dir, p)) {
                // Writing through a linked folder would put files outside the output.
                conflicts.add(new Conflict(e.getKey(), Reason.NOT_A_FILE));
                continue;
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                conflicts.add(new Conflict(e.getKey(), Reason.NOT_A_FILE));
                continue;
            }
            byte[] current = Files.readAllBytes(p);
            if (Arrays.equals(current, e.getValue())) {
                unchanged.add(e.getKey());
                continue;
            }
            if (e.getKey().equals(Manifest.FILE)) {
                if (previous == null) conflicts.add(new Conflict(e.getKey(), Reason.NOT_GENERATED));
                continue;
            }
            String recorded = owned.get(e.getKey());
            if (recorded == null) conflicts.add(new Conflict(e.getKey(), Reason.NOT_GENERATED));
            else if (!recorded.equals(Digests.sha256(current))) conflicts.add(new Conflict(e.getKey(), Reason.EDITED));
        }
        if (!conflicts.isEmpty() && !force) {
            return new Outcome(List.of(), List.of(), List.of(), List.copyOf(conflicts), false, previous == null ? null : previous.source());
        }

        List<String> written = new ArrayList<>();
        for (var e : target.entrySet()) {
            if (e.getKey().equals(Manifest.FILE) || unchanged.contains(e.getKey())) continue;
            writeAtomically(resolve(dir, e.getKey()), e.getValue());
            written.add(e.getKey());
        }
        List<String> removed = new ArrayList<>();
        for (var e : owned.entrySet()) {
            if (target.containsKey(e.getKey())) continue;
            Path p = resolve(dir, e.getKey());
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && e.getValue().equals(Digests.sha256(Files.readAllBytes(p)))) {
                Files.delete(p);
                removed.add(e.getKey());
                deleteEmptyParents(dir, p.getParent());
            }
        }
        if (!unchanged.contains(Manifest.FILE)) {
            writeAtomically(resolve(dir, Manifest.FILE), target.get(Manifest.FILE));
            written.add(Manifest.FILE);
        }
        return new Outcome(List.copyOf(written), List.copyOf(unchanged), List.copyOf(removed), List.copyOf(conflicts), force,
                previous == null ? null : previous.source());
    }

    public static Manifest readManifest(Path dir) throws IOException {
        Path m = dir.toAbsolutePath().normalize().resolve(Manifest.FILE);
        if (!Files.isRegularFile(m, LinkOption.NOFOLLOW_LINKS)) return null;
        return Manifest.parse(Files.readAllBytes(m));
    }

    private static boolean linkedParent(Path dir, Path file) {
        Path root = dir.normalize();
        for (Path p = file.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) return true;
        }
        return false;
    }

    /** {@code relative} inside {@code dir}, which must be absolute and normal (see write). */
    private static Path resolve(Path dir, String relative) {
        Path p = dir.resolve(relative).normalize();
        if (!p.startsWith(dir)) throw new IllegalArgumentException("output path escapes the directory: " + relative);
        return p;
    }

    /** Write to a temporary sibling, then rename over the target: readers see the old file or the new one. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        writeAtomically(target, content, null);
    }

    /**
     * Replaces the content of an existing file the same way, keeping its permissions (where the
     * file system has POSIX ones). A link is followed: the file it points to is replaced, the
     * link stays.
     */
    public static void replaceAtomically(Path file, byte[] content) throws IOException {
        Path real = file.toRealPath();
        Set<PosixFilePermission> permissions = Files.getFileAttributeView(real, PosixFileAttributeView.class) == null
                ? null : Files.getPosixFilePermissions(real);
        writeAtomically(real, content, permissions);
    }

    private static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path tmp = target.getParent().resolve("." + target.getFileName() + ".sandboxc-tmp");
        try {
            Files.deleteIfExists(tmp);
            // Created with the final permissions (or narrower, by the umask), never wider for a moment.
            FileAttribute<?>[] attributes = permissions == null ? new FileAttribute<?>[0]
                    : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
            try (SeekableByteChannel out = Files.newByteChannel(tmp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) out.write(buffer);
            }
            if (permissions != null) Files.setPosixFilePermissions(tmp, permissions);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void deleteEmptyParents(Path dir, Path p) throws IOException {
        Path root = dir.normalize();
        while (p != null && p.startsWith(root) && !p.equals(root)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                if (s.iterator().hasNext()) return;
            }
            Files.delete(p);
            p = p.getParent();
        }
    }
}
