package dev.sandboxc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What git knows of a flake's files. A flake in a git work tree is read by Nix's git
 * fetcher, which copies only the files git tracks or has staged: a freshly generated
 * flake.nix is invisible to {@code nix develop .#NAME} until it is added, and one in an
 * ignored folder is invisible for good (a {@code path:} reference reads the folder as
 * it is). Asked only after a compile wrote something, and only inside a work tree.
 */
final class GitTree {
    private GitTree() {}

    /**
     * @param untracked the written files git does not know, by their first path segment
     *                  under the flake's folder ("flake.nix", "nix"), for {@code git add}
     * @param ignored   true when git ignores some of them, so adding them is no answer
     */
    record Visibility(List<String> untracked, boolean ignored) {
        boolean complete() { return untracked.isEmpty() && !ignored; }
    }

    /** The top of the git work tree holding {@code dir}, or null when there is none. */
    static Path workTreeOf(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return null;
    }

    /**
     * How Nix's git fetcher would see {@code files} (paths relative to {@code dir}, '/'
     * separated), or null when {@code dir} is not in a work tree or git cannot say.
     */
    static Visibility of(Path dir, List<String> files) {
        Path abs = dir.toAbsolutePath().normalize();
        if (workTreeOf(abs) == null || files.isEmpty()) return null;
        try {
            List<String> lsArgs = new ArrayList<>(List.of("ls-files", "-z", "--"));
            lsArgs.addAll(files);
            Result tracked = git(abs, lsArgs);
            if (tracked == null || tracked.status != 0) return null;
            Set<String> known = new java.util.HashSet<>(List.of(tracked.out.split("\0")));
            List<String> unknown = files.stream().filter(f -> !known.contains(f)).toList();
            if (unknown.isEmpty()) return new Visibility(List.of(), false);
            // Generated paths hold no line breaks: one path a line.
            List<String> ignoreArgs = new ArrayList<>(List.of("check-ignore", "--"));
            ignoreArgs.addAll(unknown);
            Result ignored = git(abs, ignoreArgs);
            if (ignored == null || ignored.status > 1) return null;
            Set<String> skipped = ignored.status == 0 ? new java.util.HashSet<>(ignored.out.lines().toList()) : Set.<String>of();
            Set<String> untracked = new LinkedHashSet<>();
            for (String f : unknown) {
                if (!skipped.contains(f)) untracked.add(f.contains("/") ? f.substring(0, f.indexOf('/')) : f);
            }
            return new Visibility(List.copyOf(untracked), !skipped.isEmpty());
        } catch (IOException e) {
            return null;
        }
    }

    /** The URL of the origin remote of the work tree at {@code top}, or null. */
    static String originUrl(Path top) {
        try {
            Result r = git(top, List.of("config", "--get", "remote.origin.url"));
            return r == null || r.status != 0 || r.out.isBlank() ? null : r.out.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private record Result(int status, String out) {}

    /** git in {@code dir}, its output, or null when git is missing or hangs. */
    private static Result git(Path dir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return null;
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
