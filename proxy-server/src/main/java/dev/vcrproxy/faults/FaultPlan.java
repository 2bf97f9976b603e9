package dev.vcrproxy.faults;

import dev.vcrproxy.cassette.CassetteName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Which hit gets which fault. Rules come from three sources: the request's {@code X-Vcr-Fault}
 * header, the admin API ({@code PUT /__vcr/faults}) and {@code --fault}. Each rule counts its uses
 * per source, cassette and key, so {@code @n} and {@code @times} mean the same whatever else runs;
 * {@code @rate} draws from a hash of the seed and that count, so the same seed and the same
 * requests give the same faults, whatever the interleaving of other keys.
 */
public final class FaultPlan {
    /** Where a rule came from; each source counts on its own. */
    public enum Source { HEADER, ADMIN, FLAG }

    /** The admin API's rules and the seed in force; {@code generation} restarts their counts. */
    public record Settings(List<FaultRule> rules, long seed, long generation) {
        public Settings {
            rules = List.copyOf(rules);
        }
    }

    private record Use(Source source, long generation, String cassette, String key, String rule) {
    }

    private final List<FaultRule> flagRules;
    private final long flagSeed;
    private volatile Settings admin;
    private final Map<Use, AtomicLong> uses = new ConcurrentHashMap<>();
    private final FaultRecords records = new FaultRecords();

    public FaultPlan(List<FaultRule> flagRules, long flagSeed) {
        this.flagRules = List.copyOf(flagRules);
        this.flagSeed = flagSeed;
        this.admin = new Settings(List.of(), flagSeed, 0);
    }

    /**
     * The faults for one hit, or null for none (then the replay goes on as usual). Called once per
     * hit; with no rules anywhere it returns at once.
     */
    public Faults decide(CassetteName cassette, String key, Supplier<String> request, List<FaultRule> headerRules) {
        Settings settings = admin;
        if (headerRules.isEmpty() && settings.rules().isEmpty() && flagRules.isEmpty()) {
            return null;
        }
        List<FaultRule> fired = new ArrayList<>(2);
        fire(fired, Source.HEADER, 0, headerRules, cassette, key, settings.seed());
        fire(fired, Source.ADMIN, settings.generation(), settings.rules(), cassette, key, settings.seed());
        fire(fired, Source.FLAG, 0, flagRules, cassette, key, settings.seed());
        if (fired.isEmpty()) {
            return null;
        }
        Faults faults = new Faults(fired);
        records.add(cassette, key, request.get(), faults);
        return faults;
    }

    private void fire(List<FaultRule> fired, Source source, long generation, List<FaultRule> rules,
                      CassetteName cassette, String key, long seed) {
        for (FaultRule rule : rules) {
            Use use = new Use(source, generation, cassette.value(), key, rule.text());
            long n = uses.computeIfAbsent(use, u -> new AtomicLong()).incrementAndGet();
            double draw = rule.when().type() == When.Type.RATE ? draw(seed, use, n) : 0;
            if (rule.when().fires(n, draw)) {
                fired.add(rule);
            }
        }
    }

    /** Replaces the admin API's rules (and the seed, when given), restarting their counts. */
    public synchronized Settings set(List<FaultRule> rules, Long seed) {
        Settings previous = admin;
        admin = new Settings(rules, seed != null ? seed : previous.seed(), previous.generation() + 1);
        uses.keySet().removeIf(u -> u.source() == Source.ADMIN);
        return admin;
    }

    /** {@code DELETE /__vcr/faults}: no admin rules, the seed back to {@code --fault-seed}. */
    public Settings clear() {
        return set(List.of(), flagSeed);
    }

    /** A cassette selected afresh counts its uses from the start again, as its replay sequences do. */
    public void reset(CassetteName cassette) {
        uses.keySet().removeIf(u -> u.cassette().equals(cassette.value()));
    }

    public Settings admin() {
        return admin;
    }

    public List<FaultRule> flagRules() {
        return flagRules;
    }

    public FaultRecords records() {
        return records;
    }

    /** A uniform number in [0, 1) fixed by the seed, the rule's source, cassette, key and text, and the use. */
    static double draw(long seed, Use use, long n) {
        long h = 0xcbf29ce484222325L;
        String text = use.source() + "\n" + use.cassette() + "\n" + use.key() + "\n" + use.rule();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return (mix(mix(h ^ seed) + n) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finalizer: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
