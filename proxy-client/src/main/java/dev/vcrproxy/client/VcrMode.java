package dev.vcrproxy.client;

import java.util.Locale;

/** The proxy's modes, by their wire names. */
public enum VcrMode {
    REPLAY("replay"), RECORD_MISSING("record-missing"), RECORD("record"), PASSTHROUGH("passthrough"), VERIFY("verify");

    private final String wireName;

    VcrMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static VcrMode fromWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (VcrMode mode : values()) {
            if (mode.wireName.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
