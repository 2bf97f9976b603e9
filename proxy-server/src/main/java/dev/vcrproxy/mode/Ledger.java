package dev.vcrproxy.mode;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.TokenUsage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this run spent upstream and what replay saved, in total and per cassette: calls that went
 * upstream and the tokens their answers reported; for hits, the calls, tokens and model time
 * (the recordings' {@code duration_ms}) that were not spent again.
 */
public final class Ledger {
    /** One set of figures, named as stats, the report and the summary line show them. */
    public record Figures(long upstreamCalls, long tokensSpent, long callsSaved, long tokensSaved, long timeSavedMs) {
        public static final Figures ZERO = new Figures(0, 0, 0, 0, 0);

        /** In display order: {@code upstream_calls}, {@code tokens_spent}, {@code calls_saved}, {@code tokens_saved}, {@code time_saved_ms}. */
        public Map<String, Long> named() {
            Map<String, Long> out = new LinkedHashMap<>();
            out.put("upstream_calls", upstreamCalls);
            out.put("tokens_spent", tokensSpent);
            out.put("calls_saved", callsSaved);
            out.put("tokens_saved", tokensSaved);
            out.put("time_saved_ms", timeSavedMs);
            return out;
        }
    }

    /** Calls and tokens in total are what budgets are checked against, so they are exact at every moment. */
    private final AtomicLong upstreamCalls = new AtomicLong();
    private final AtomicLong tokensSpent = new AtomicLong();
    private final Counts total = new Counts();
    private final Map<CassetteName, Counts> perCassette = new ConcurrentHashMap<>();

    private final Budgets budgets;
    private final Set<Budgets.Kind> refusedOnce = ConcurrentHashMap.newKeySet();

    public Ledger(Budgets budgets) {
        this.budgets = budgets;
    }

    public Budgets budgets() {
        return budgets;
    }

    /**
     * Takes one upstream call for {@code cassette}, or says which budget forbids it. The call count
     * moves by compare-and-set, so parallel requests never take more calls than the budget between
     * them; the token budget is checked against completed calls, so calls already in flight may
     * overshoot it.
     */
    public Optional<Budgets.Refusal> tryUpstreamCall(CassetteName cassette) {
        Long maxTokens = budgets.maxUpstreamTokens();
        if (maxTokens != null && tokensSpent.get() >= maxTokens) {
            return Optional.of(new Budgets.Refusal(Budgets.Kind.TOKENS, maxTokens, tokensSpent.get()));
        }
        Long maxCalls = budgets.maxUpstreamCalls();
        long taken;
        do {
            taken = upstreamCalls.get();
            if (maxCalls != null && taken >= maxCalls) {
                return Optional.of(new Budgets.Refusal(Budgets.Kind.CALLS, maxCalls, taken));
            }
        } while (!upstreamCalls.compareAndSet(taken, taken + 1));
        counts(cassette).upstreamCalls.increment();
        return Optional.empty();
    }

    /** True for the first refusal by {@code kind} in this run (logged at WARN; later ones at DEBUG). */
    public boolean firstRefusal(Budgets.Kind kind) {
        return refusedOnce.add(kind);
    }

    /** A call that went upstream completed with this usage. */
    public void spent(CassetteName cassette, TokenUsage usage) {
        if (usage != null) {
            tokensSpent.addAndGet(usage.total());
            counts(cassette).tokensSpent.add(usage.total());
        }
    }

    /** A hit served {@code recording} instead of calling upstream. */
    public void saved(CassetteName cassette, Interaction recording) {
        long tokens = recording.usage() == null ? 0 : recording.usage().total();
        for (Counts counts : new Counts[] {total, counts(cassette)}) {
            counts.callsSaved.increment();
            counts.tokensSaved.add(tokens);
            counts.timeSavedMs.add(recording.durationMs());
        }
    }

    public long upstreamCalls() {
        return upstreamCalls.get();
    }

    public long tokensSpent() {
        return tokensSpent.get();
    }

    public Figures total() {
        return new Figures(upstreamCalls.get(), tokensSpent.get(), total.callsSaved.sum(), total.tokensSaved.sum(),
                total.timeSavedMs.sum());
    }

    public SortedMap<String, Figures> perCassette() {
        SortedMap<String, Figures> out = new TreeMap<>();
        perCassette.forEach((name, counts) -> out.put(name.value(), counts.figures()));
        return out;
    }

    private Counts counts(CassetteName cassette) {
        return cassette == null ? new Counts() : perCassette.computeIfAbsent(cassette, c -> new Counts());
    }

    private static final class Counts {
        final LongAdder upstreamCalls = new LongAdder();
        final LongAdder tokensSpent = new LongAdder();
        final LongAdder callsSaved = new LongAdder();
        final LongAdder tokensSaved = new LongAdder();
        final LongAdder timeSavedMs = new LongAdder();

        Figures figures() {
            return new Figures(upstreamCalls.sum(), tokensSpent.sum(), callsSaved.sum(), tokensSaved.sum(), timeSavedMs.sum());
        }
    }
}
