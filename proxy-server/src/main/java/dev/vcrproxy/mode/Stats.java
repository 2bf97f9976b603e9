package dev.vcrproxy.mode;

import dev.vcrproxy.cassette.CassetteName;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of outcomes, in total and per cassette, and the run's {@link Ledger} of spending and savings. */
public final class Stats {
    private final Counts total = new Counts();
    private final Map<CassetteName, Counts> perCassette = new ConcurrentHashMap<>();
    private final Ledger ledger;

    public Stats() {
        this(Budgets.NONE);
    }

    public Stats(Budgets budgets) {
        this.ledger = new Ledger(budgets);
    }

    public Ledger ledger() {
        return ledger;
    }

    public void count(CassetteName cassette, Outcome outcome) {
        total.add(outcome);
        if (cassette != null) {
            perCassette.computeIfAbsent(cassette, c -> new Counts()).add(outcome);
        }
    }

    public Map<Outcome, Long> total() {
        return total.snapshot();
    }

    public SortedMap<String, Map<Outcome, Long>> perCassette() {
        SortedMap<String, Map<Outcome, Long>> out = new TreeMap<>();
        perCassette.forEach((name, counts) -> out.put(name.value(), counts.snapshot()));
        return out;
    }

    /** One line for logs: {@code hits=3 misses=0 ... upstream_calls=1 tokens_spent=120 calls_saved=3 ...}. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        total().forEach((outcome, n) -> out.append(out.length() == 0 ? "" : " ").append(outcome.statName()).append('=').append(n));
        ledger.total().named().forEach((name, n) -> out.append(' ').append(name).append('=').append(n));
        return out.toString();
    }

    private static final class Counts {
        private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

        Counts() {
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, new LongAdder());
            }
        }

        void add(Outcome outcome) {
            counts.get(outcome).increment();
        }

        Map<Outcome, Long> snapshot() {
            Map<Outcome, Long> out = new EnumMap<>(Outcome.class);
            counts.forEach((outcome, adder) -> out.put(outcome, adder.sum()));
            return out;
        }
    }
}
