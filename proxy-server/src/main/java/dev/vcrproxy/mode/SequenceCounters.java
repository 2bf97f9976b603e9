package dev.vcrproxy.mode;

import dev.vcrproxy.cassette.CassetteName;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which recording of a repeated key to replay next, per cassette: counted from proxy start or
 * from the last time the cassette was (re)selected.
 */
public final class SequenceCounters {
    private final Map<CassetteName, Map<String, AtomicInteger>> counters = new ConcurrentHashMap<>();

    /** The index of the next use of {@code key}, starting at 0. */
    public int next(CassetteName cassette, String key) {
        return counters.computeIfAbsent(cassette, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new AtomicInteger())
                .getAndIncrement();
    }

    public void reset(CassetteName cassette) {
        counters.remove(cassette);
    }
}
