package dev.vcrproxy.sse;

import java.util.Locale;

/**
 * How replayed events are spaced: {@code none} (back to back), {@code recorded} (the recorded
 * gaps) or {@code scale=F} (recorded gaps times F, e.g. {@code scale=0.1}).
 */
public record ReplayTiming(double factor) {
    public static final ReplayTiming NONE = new ReplayTiming(0);
    public static final ReplayTiming RECORDED = new ReplayTiming(1);

    public ReplayTiming {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("replay timing scale must be a finite number >= 0");
        }
    }

    public static ReplayTiming parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return NONE;
        }
        if (t.equals("recorded")) {
            return RECORDED;
        }
        if (t.startsWith("scale=")) {
            try {
                return new ReplayTiming(Double.parseDouble(t.substring("scale=".length())));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("replay timing '" + text + "' must be none, recorded, or scale=F (e.g. scale=0.1)");
    }

    /** How long to wait before an event recorded {@code gapMs} after the previous one. */
    public long delayMs(long gapMs) {
        return factor == 0 || gapMs <= 0 ? 0 : Math.round(gapMs * factor);
    }

    @Override
    public String toString() {
        return factor == 0 ? "none" : factor == 1 ? "recorded" : "scale=" + factor;
    }
}
