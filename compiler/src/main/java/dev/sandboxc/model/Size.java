package dev.sandboxc.model;

/** An amount of memory, held in bytes. Written with a binary unit: 512 MiB, 8 GiB. */
public record Size(long bytes) {
    public static final long KIB = 1024, MIB = KIB * 1024, GIB = MIB * 1024, TIB = GIB * 1024;

    public long mebibytes() { return bytes / MIB; }

    @Override public String toString() {
        if (bytes % GIB == 0) return bytes / GIB + " GiB";
        if (bytes % MIB == 0) return bytes / MIB + " MiB";
        return bytes / KIB + " KiB";
    }
}
