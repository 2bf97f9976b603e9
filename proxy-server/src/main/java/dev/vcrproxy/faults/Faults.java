package dev.vcrproxy.faults;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The faults one hit gets: the rules that fired, in order (request header, admin, flags). Of each
 * kind the first counts; {@code status} replaces the recording, the others shape how it is sent.
 */
public record Faults(List<FaultRule> fired) {
    public Faults {
        fired = List.copyOf(fired);
    }

    /** The error status to answer instead of the recording, or 0. */
    public int status() {
        return (int) first(FaultRule.Kind.STATUS, 0);
    }

    public long delayMs() {
        return first(FaultRule.Kind.DELAY, 0);
    }

    /** Stream events to send before the connection drops, or -1 for no cut. */
    public long cutAfterEvents() {
        return first(FaultRule.Kind.CUT, -1);
    }

    public boolean cut() {
        return cutAfterEvents() >= 0;
    }

    /** Bytes per write, or 0 for the usual writes. */
    public int rechunk() {
        return (int) first(FaultRule.Kind.RECHUNK, 0);
    }

    public boolean dropDone() {
        return first(FaultRule.Kind.DROP_DONE, -1) >= 0;
    }

    /** The value of the {@code X-Vcr-Fault} response header: the rules that fired, as written. */
    public String header() {
        return fired.stream().map(FaultRule::text).collect(Collectors.joining(", "));
    }

    private long first(FaultRule.Kind kind, long otherwise) {
        for (FaultRule rule : fired) {
            if (rule.kind() == kind) {
                return rule.arg();
            }
        }
        return otherwise;
    }
}
