package dev.sandboxc.emit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** What the launcher and proxy tests put where the devShell and the internet would be. */
final class HostStandIns {
    private HostStandIns() {}

    /** A server on loopback that sends back every byte it receives, until the client closes. */
    static ServerSocket echoServer() throws IOException {
        ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try (Socket s = echo.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return echo;
    }

    /**
     * The command {@code bin/name} as the devShell provides it: python3 running the
     * lib-nix script {@code libFile}, copied into {@code dir}.
     */
    static Path pythonCommand(Path dir, Path bin, String name, String libFile) throws IOException {
        Path script = dir.resolve(libFile);
        Files.write(script, FlakeEmitter.libFile(libFile));
        Path command = bin.resolve(name);
        Files.writeString(command, "#!/usr/bin/env bash\nexec python3 " + Shell.quote(script.toString()) + " \"$@\"\n");
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
        return command;
    }
}
