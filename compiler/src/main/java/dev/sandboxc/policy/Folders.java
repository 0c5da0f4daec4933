package dev.sandboxc.policy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What one run learns about folders: the project each belongs to (the enclosing git
 * work tree) and the .sandboxc.yaml that governs it. Both walk up the tree asking the
 * file system at every level; a lint of a thousand files in one folder asks once.
 * Neither changes while sandboxc runs: it never creates .git or .sandboxc.yaml.
 */
public final class Folders {
    private final Map<Path, Path> projects = new HashMap<>();
    private final Map<Path, Path> configs = new HashMap<>();

    /** The project of an absolute, normalised folder: see {@link HostPaths#project()}. */
    public Path project(Path dir) {
        Path p = projects.get(dir);
        if (p == null) {
            p = HostPaths.projectRoot(dir);
            projects.put(dir, p);
        }
        return p;
    }

    /** The config governing an absolute, normalised folder, or null: see {@link PolicyConfig#find(Path)}. */
    public Path config(Path dir) {
        if (configs.containsKey(dir)) return configs.get(dir);
        Path found = PolicyConfig.find(dir);
        configs.put(dir, found);
        return found;
    }
}
