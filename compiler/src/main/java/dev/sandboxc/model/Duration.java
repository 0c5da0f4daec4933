package dev.sandboxc.model;

/** A wall-clock duration, held in seconds. Written as 90 s, 60 min, 2 h. */
public record Duration(long seconds) {
    /** No time limit (`timeout = none`): allowed, but a policy finding. */
    public static final Duration NONE = new Duration(0);

    public boolean isNone() { return seconds == 0; }

    @Override public String toString() {
        if (seconds == 0) return "none";
        if (seconds % 3600 == 0) return seconds / 3600 + " h";
        if (seconds % 60 == 0) return seconds / 60 + " min";
        return seconds + " s";
    }
}
