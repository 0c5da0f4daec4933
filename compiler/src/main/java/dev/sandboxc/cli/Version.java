package dev.sandboxc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version stamped in by the build. */
public final class Version {
    public static final String VERSION = load();

    /**
     * From the jar's manifest, which the JVM read already to define this package; from
     * compiler/src/main/resources when there is no jar (tests). Reading the resource from
     * the jar cost a lint several milliseconds of class-loader set-up.
     */
    private static String load() {
        String fromManifest = Version.class.getPackage().getImplementationVersion();
        if (fromManifest != null) return fromManifest;
        try (InputStream in = Version.class.getResourceAsStream("/dev/sandboxc/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private Version() {}

    /** For --version. Kept apart so that reading VERSION does not load picocli. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sandboxc " + VERSION,
                    "microvm.nix " + dev.sandboxc.check.ModelBuilder.DEFAULT_MICROVM + ", nixpkgs " + dev.sandboxc.check.ModelBuilder.DEFAULT_NIXPKGS + " (tested defaults)"};
        }
    }
}
