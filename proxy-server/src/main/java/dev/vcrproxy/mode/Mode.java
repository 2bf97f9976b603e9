package dev.vcrproxy.mode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the proxy does on a hit and on a miss. */
public enum Mode {
    /** Serve recordings; a miss is an error and upstream is never contacted. */
    REPLAY("replay"),
    /** Serve recordings; forward, stream back and record what is missing. */
    RECORD_MISSING("record-missing"),
    /** Forward and record everything, replacing a key's old recordings on its first use in this run. */
    RECORD("record"),
    /** Forward everything, record nothing. */
    PASSTHROUGH("passthrough"),
    /**
     * Serve recordings at once and compare each with the live answer in the background, by shape
     * (drift); record nothing. A miss is as in replay.
     */
    VERIFY("verify");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean needsUpstream() {
        return this != REPLAY;
    }

    public static Mode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Mode mode : values()) {
            if (mode.label.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "'; expected one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
