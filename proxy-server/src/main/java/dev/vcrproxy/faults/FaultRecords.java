package dev.vcrproxy.faults;

import dev.vcrproxy.cassette.CassetteName;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** What was faulted in this run: counts in total and per cassette, and a list for the report. */
public final class FaultRecords {
    /** Faulted responses listed per run; later ones are only counted. */
    public static final int MAX_KEPT = 1000;

    /** One faulted response: its cassette, key, request line, and the rules that fired. */
    public record Faulted(String cassette, String key, String request, String rules) {
    }

    private final LongAdder total = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> perCassette = new ConcurrentHashMap<>();
    private final List<Faulted> kept = new CopyOnWriteArrayList<>();

    void add(CassetteName cassette, String key, String request, Faults faults) {
        total.increment();
        perCassette.computeIfAbsent(cassette.value(), c -> new LongAdder()).increment();
        if (kept.size() < MAX_KEPT) {
            kept.add(new Faulted(cassette.value(), key, request, faults.header()));
        }
    }

    public long total() {
        return total.sum();
    }

    public SortedMap<String, Long> perCassette() {
        SortedMap<String, Long> out = new TreeMap<>();
        perCassette.forEach((name, n) -> out.put(name, n.sum()));
        return out;
    }

    public List<Faulted> faulted() {
        return List.copyOf(kept);
    }
}
