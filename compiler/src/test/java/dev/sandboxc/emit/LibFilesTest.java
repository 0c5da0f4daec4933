package dev.sandboxc.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxc.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LibFilesTest {

    @Test
    void everyLibNixFileIsCopiedIntoTheOutput() throws IOException {
        Path lib = TestSupport.root().resolve("lib-nix");
        try (Stream<Path> s = Files.list(lib)) {
            assertEquals(s.map(p -> p.getFileName().toString()).sorted().toList(),
                    FlakeEmitter.LIB_FILES.stream().sorted().toList(),
                    "FlakeEmitter.LIB_FILES must list exactly the files in lib-nix/");
        }
        for (String name : FlakeEmitter.LIB_FILES) {
            assertArrayEquals(Files.readAllBytes(lib.resolve(name)), FlakeEmitter.libFile(name), name + " in the jar is stale");
        }
    }
}
