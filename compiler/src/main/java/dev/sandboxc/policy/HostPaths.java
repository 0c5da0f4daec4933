package dev.sandboxc.policy;

import dev.sandboxc.model.HostPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges host paths the way the host will see them: relative paths against the
 * .sandbox file's folder, {@code ..} folded, symlinks followed when the path
 * exists here, and paths under a home folder also seen as {@code ~/...}, so that
 * "/home/alice/.ssh", "../../.ssh" and "~/.ssh" are all the same credential folder.
 */
public final class HostPaths {
    private final Path fileDir;
    private final Path home;
    private final Path project;

    /**
     * @param fileDir the folder of the .sandbox file (absolute); null for in-memory text, which is
     *                judged as if it lived in {@link #IN_MEMORY}
     * @param home    this user's home folder, to see absolute paths as {@code ~/...}; may be null
     */
    public HostPaths(Path fileDir, Path home) {
        this(fileDir, home, null);
    }

    /** @param folders what this run knows of folders already; null to ask the file system */
    public HostPaths(Path fileDir, Path home, Folders folders) {
        this.fileDir = fileDir == null ? IN_MEMORY : fileDir;
        this.home = home == null ? null : home.toAbsolutePath().normalize();
        this.project = folders == null ? projectRoot(this.fileDir) : folders.project(this.fileDir);
    }

    /** Where text without a file (rule examples, tests) is taken to live. */
    public static final Path IN_MEMORY = Path.of("/project");

    /** The project a relative share belongs to: the enclosing git work tree, else the file's folder. */
    static Path projectRoot(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return dir;
    }

    public Path project() { return project; }

    /** Where the .sandbox file itself is, as the host sees it (in-memory text: under {@link #IN_MEMORY}). */
    public static Path fileOf(dev.sandboxc.model.Source source) {
        return source.path() != null ? source.path().toAbsolutePath().normalize() : IN_MEMORY.resolve(source.name());
    }

    /**
     * A path as seen from several sides. {@code views} are normalised strings, each
     * either absolute ("/etc") or home-relative ("~", "~/.ssh"); rules match any view.
     *
     * @param resolved where the path leads after symlinks, when that differs from the written path
     * @param escapes  for relative paths: the path leaves the project (the git work tree or the file's folder)
     */
    public record Judged(HostPath written, List<String> views, String resolved, boolean escapes, String escapesTo) {

        /** True when some view is {@code prefix} or lies below it (prefix like "/etc" or "~/.ssh"). */
        public boolean within(String prefix) {
            for (String v : views) if (below(v, prefix)) return true;
            return false;
        }

        /** True when some view is a parent of (or equal to) {@code target}. */
        public boolean contains(String target) {
            for (String v : views) if (below(target, v)) return true;
            return false;
        }

        /** True when some view is exactly one of these. */
        public boolean is(String... paths) {
            for (String v : views) for (String p : paths) if (v.equals(p)) return true;
            return false;
        }

        /** " (resolves to X)" for messages, or "". */
        public String via() { return resolved == null ? "" : " (resolves to " + resolved + ")"; }

        static boolean below(String path, String prefix) {
            if (path.equals(prefix)) return true;
            if (prefix.endsWith("/")) return path.startsWith(prefix);
            // path.startsWith(prefix + "/"), without a new string for every share and rule.
            return path.length() > prefix.length() && path.charAt(prefix.length()) == '/' && path.startsWith(prefix);
        }
    }

    /**
     * Several rules judge the same share; the file system is asked once per path. Keyed
     * by the written text, which decides the kind too.
     */
    private final java.util.Map<String, Judged> judged = new java.util.HashMap<>();

    public Judged judge(HostPath p) {
        Judged j = judged.get(p.raw());
        if (j == null) {
            j = judgeUncached(p);
            judged.put(p.raw(), j);
        }
        return j;
    }

    private Judged judgeUncached(HostPath p) {
        List<String> views = new ArrayList<>();
        String resolved = null;
        boolean escapes = false;
        String escapesTo = null;
        Path abs = null;
        switch (p.kind()) {
            case HOME -> {
                String rest = p.raw().equals("~") ? "" : p.raw().substring(2);
                String norm = normalise("/" + rest);
                views.add(norm.equals("/") ? "~" : "~" + norm);
                if (home != null) abs = home.resolve(rest).normalize();
            }
            case ABSOLUTE -> {
                abs = Path.of(p.raw()).normalize();
                views.add(normalise(p.raw()));
            }
            case RELATIVE -> {
                abs = fileDir.resolve(p.raw()).normalize();
                views.add(abs.toString());
                if (!abs.startsWith(project)) {
                    escapes = true;
                    escapesTo = abs.toString();
                }
            }
        }
        if (abs != null) {
            if (p.kind() == HostPath.Kind.HOME) views.add(abs.toString());
            try {
                if (Files.exists(abs)) {
                    Path real = abs.toRealPath();
                    if (!real.equals(abs)) {
                        resolved = real.toString();
                        views.add(resolved);
                        if (p.kind() == HostPath.Kind.RELATIVE && !escapes
                                && !real.startsWith(project.toRealPath())) {
                            escapes = true;
                            escapesTo = resolved;
                        }
                    }
                }
            } catch (IOException | SecurityException e) {
                // Unreadable: judge the path as written.
            }
        }
        for (String v : List.copyOf(views)) {
            String h = homeView(v);
            if (h != null && !views.contains(h)) views.add(h);
        }
        return new Judged(p, List.copyOf(views), resolved, escapes, escapesTo);
    }

    /** "/home/alice/.ssh" as "~/.ssh", for this user's home and for any /home/NAME, /Users/NAME or /root. */
    private String homeView(String abs) {
        if (!abs.startsWith("/")) return null;
        if (home != null && Judged.below(abs, home.toString()) && !home.toString().equals("/")) {
            return "~" + abs.substring(home.toString().length());
        }
        String[] parts = abs.substring(1).split("/");
        int skip;
        if (parts.length >= 2 && (parts[0].equals("home") || parts[0].equals("Users")) && !parts[1].isEmpty()) skip = 2;
        else if (parts.length >= 1 && parts[0].equals("root")) skip = 1;
        else return null;
        StringBuilder b = new StringBuilder("~");
        for (int i = skip; i < parts.length; i++) b.append('/').append(parts[i]);
        return b.toString();
    }

    /** Folds "." and ".." of an absolute path written with '/'; ".." above the root stays at the root. */
    static String normalise(String abs) {
        List<String> out = new ArrayList<>();
        for (String part : abs.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }
}
