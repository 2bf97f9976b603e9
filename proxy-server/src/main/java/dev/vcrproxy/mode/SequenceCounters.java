package dev.vcrproxy.mode;

import dev.vcrproxy.cassette.CassetteName;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which recording of a repeated key to replay next, per cassette: counted from proxy start or
 * from the last time the cassette was (re)selected. Also which keys went upstream to be recorded
 * in that time (a long call's polls go on recording while they are redirected).
 */
public final class SequenceCounters {
    private final Map<CassetteName, Map<String, AtomicInteger>> counters = new ConcurrentHashMap<>();
    private final Map<CassetteName, Set<String>> recording = new ConcurrentHashMap<>();

    /** The index of the next use of {@code key}, starting at 0. */
    public int next(CassetteName cassette, String key) {
        return counters.computeIfAbsent(cassette, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new AtomicInteger())
                .getAndIncrement();
    }

    /** Notes that a use of {@code key} went upstream to be recorded. */
    public void recording(CassetteName cassette, String key) {
        recording.computeIfAbsent(cassette, c -> ConcurrentHashMap.newKeySet()).add(key);
    }

    public boolean isRecording(CassetteName cassette, String key) {
        Set<String> keys = recording.get(cassette);
        return keys != null && keys.contains(key);
    }

    public void reset(CassetteName cassette) {
        counters.remove(cassette);
        recording.remove(cassette);
    }
}
