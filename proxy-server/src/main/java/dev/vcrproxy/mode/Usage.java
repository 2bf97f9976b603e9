package dev.vcrproxy.mode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.ShapeChange;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which recordings this run used and which requests missed, per cassette: the evidence behind
 * {@code /__vcr/report} and {@code cassettes prune}; and, in verify, which live answers drifted from
 * their recordings.
 */
public final class Usage {
    /** Misses kept per cassette; later ones are only counted. */
    public static final int MAX_MISSES_KEPT = 1000;

    /** A request that found no recording, with what its closest recording differs in. */
    public record MissRecord(String key, String request, String closestKey, JsonNode differences) {
    }

    /** A recording whose live answer differs in shape: which one, the request line, and the changes. */
    public record DriftRecord(CassetteName cassette, String key, int seq, String method, String route, String path,
                              List<ShapeChange> changes) {
        public DriftRecord {
            changes = List.copyOf(changes);
        }
    }

    private final Map<CassetteName, List<DriftRecord>> drift = new ConcurrentHashMap<>();
    private final Map<CassetteName, Set<String>> usedKeys = new ConcurrentHashMap<>();
    private final Map<CassetteName, List<MissRecord>> misses = new ConcurrentHashMap<>();

    public void used(CassetteName cassette, String key) {
        usedKeys.computeIfAbsent(cassette, c -> ConcurrentHashMap.newKeySet()).add(key);
    }

    public void missed(CassetteName cassette, MissRecord miss) {
        List<MissRecord> list = misses.computeIfAbsent(cassette, c -> new CopyOnWriteArrayList<>());
        if (list.size() < MAX_MISSES_KEPT) {
            list.add(miss);
        }
    }

    public void drifted(DriftRecord record) {
        List<DriftRecord> list = drift.computeIfAbsent(record.cassette(), c -> new CopyOnWriteArrayList<>());
        if (list.size() < MAX_MISSES_KEPT) {
            list.add(record);
        }
    }

    /** Every drift noted in this run, by cassette, in the order noted. */
    public List<DriftRecord> drift() {
        return new TreeSet<>(drift.keySet()).stream().flatMap(name -> drift.get(name).stream()).toList();
    }

    /** Every cassette this run touched, by hit, recording or miss. */
    public SortedSet<CassetteName> cassettes() {
        SortedSet<CassetteName> all = new TreeSet<>(usedKeys.keySet());
        all.addAll(misses.keySet());
        return all;
    }

    public SortedSet<String> usedKeys(CassetteName cassette) {
        return new TreeSet<>(usedKeys.getOrDefault(cassette, Set.of()));
    }

    public List<MissRecord> misses(CassetteName cassette) {
        return List.copyOf(misses.getOrDefault(cassette, List.of()));
    }

}
