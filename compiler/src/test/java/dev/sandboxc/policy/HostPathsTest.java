package dev.sandboxc.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxc.model.HostPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host paths are judged as the host sees them: ~, .., other homes, symlinks. */
class HostPathsTest {

    @TempDir
    Path tmp;

    @Test
    void homeFormsAreOneAndTheSame() {
        HostPaths paths = new HostPaths(Path.of("/home/alice/src/app"), Path.of("/home/alice"));
        assertTrue(paths.judge(HostPath.of("~/.ssh")).within("~/.ssh"));
        assertTrue(paths.judge(HostPath.of("/home/alice/.ssh/keys")).within("~/.ssh"));
        assertTrue(paths.judge(HostPath.of("../../.ssh")).within("~/.ssh"));
        assertTrue(paths.judge(HostPath.of("/home/bob/.aws")).within("~/.aws"), "another user's home counts too");
        assertTrue(paths.judge(HostPath.of("/root/.kube")).within("~/.kube"));
        assertTrue(paths.judge(HostPath.of("../..")).is("~"));
        assertTrue(paths.judge(HostPath.of("~/./x/../")).is("~"));
    }

    @Test
    void aParentContainsWhatIsBelowIt() {
        HostPaths paths = new HostPaths(Path.of("/srv/p"), null);
        HostPaths.Judged home = paths.judge(HostPath.of("~"));
        assertTrue(home.contains("~/.ssh"));
        assertFalse(home.within("~/.ssh"));
        assertTrue(paths.judge(HostPath.of("/")).contains("/etc"));
        assertFalse(paths.judge(HostPath.of("/etcetera")).within("/etc"), "prefixes match whole segments only");
    }

    @Test
    void relativePathsThatLeaveTheProjectEscape() {
        HostPaths paths = new HostPaths(Path.of("/srv/p"), null);
        assertFalse(paths.judge(HostPath.of("./src")).escapes());
        assertTrue(paths.judge(HostPath.of("../q")).escapes());
        assertTrue(paths.judge(HostPath.of("src/../../q")).escapes());
        assertFalse(paths.judge(HostPath.of("/etc")).escapes(), "absolute paths say where they go");
    }

    @Test
    void theGitWorkTreeIsTheProject() throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Path sub = Files.createDirectories(repo.resolve("sandboxes"));
        HostPaths paths = new HostPaths(sub, null);
        assertEquals(repo, paths.project());
        assertFalse(paths.judge(HostPath.of("..")).escapes(), "the repository root is inside the project");
    }

    @Test
    void symlinksAreFollowedWhenTheyExist() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("proj"));
        Path secret = Files.createDirectories(tmp.resolve("home/carol/.ssh"));
        Files.createSymbolicLink(project.resolve("keys"), secret);
        HostPaths paths = new HostPaths(project, null);
        HostPaths.Judged j = paths.judge(HostPath.of("./keys"));
        assertTrue(j.escapes(), j.toString());
        assertTrue(j.via().contains(secret.toRealPath().toString()), j.via());
        assertTrue(j.views().contains(secret.toRealPath().toString()));
    }
}
