package dev.vcrproxy.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Counts from {@code GET /__vcr/stats}, in total and per cassette. */
public record VcrStats(Counts total, SortedMap<String, Counts> cassettes) {

    /**
     * How requests were answered, then what went upstream in this run ({@code upstreamCalls},
     * {@code tokensSpent}) and what hits saved ({@code callsSaved}, {@code tokensSaved}, {@code timeSavedMs}:
     * the served recordings' durations). Tokens are counted from the usage the answers reported.
     * {@code recordErrors}: recordings that could not be written; {@code faults}: hits answered with
     * an injected fault; {@code verified}/{@code drifted}: hits of mode verify whose live answer had
     * the recorded shape, or not.
     */
    public record Counts(long hits, long misses, long recorded, long passthrough, long upstreamErrors, long secretsBlocked,
                         long budgetRefusals, long upstreamCalls, long tokensSpent, long callsSaved, long tokensSaved,
                         long timeSavedMs, long recordErrors, long faults, long verified, long drifted) {

        /** The counts a proxy without a usage ledger reports. */
        public Counts(long hits, long misses, long recorded, long passthrough, long upstreamErrors, long secretsBlocked) {
            this(hits, misses, recorded, passthrough, upstreamErrors, secretsBlocked, 0, 0, 0, 0, 0, 0);
        }

        /** The counts a proxy without verify, faults or record errors reports. */
        public Counts(long hits, long misses, long recorded, long passthrough, long upstreamErrors, long secretsBlocked,
                      long budgetRefusals, long upstreamCalls, long tokensSpent, long callsSaved, long tokensSaved,
                      long timeSavedMs) {
            this(hits, misses, recorded, passthrough, upstreamErrors, secretsBlocked, budgetRefusals, upstreamCalls,
                    tokensSpent, callsSaved, tokensSaved, timeSavedMs, 0, 0, 0, 0);
        }

        /** Model time replay saved: the sum of the served recordings' durations. */
        public Duration timeSaved() {
            return Duration.ofMillis(timeSavedMs);
        }

        static Counts of(JsonNode node) {
            return new Counts(node.path("hits").asLong(), node.path("misses").asLong(), node.path("recorded").asLong(),
                    node.path("passthrough").asLong(), node.path("upstream_errors").asLong(), node.path("secrets_blocked").asLong(),
                    node.path("budget_refusals").asLong(), node.path("upstream_calls").asLong(), node.path("tokens_spent").asLong(),
                    node.path("calls_saved").asLong(), node.path("tokens_saved").asLong(), node.path("time_saved_ms").asLong(),
                    node.path("record_errors").asLong(), node.path("faults").asLong(), node.path("verified").asLong(),
                    node.path("drifted").asLong());
        }
    }

    static VcrStats of(JsonNode node) {
        SortedMap<String, Counts> cassettes = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.path("cassettes").properties()) {
            cassettes.put(entry.getKey(), Counts.of(entry.getValue()));
        }
        return new VcrStats(Counts.of(node), cassettes);
    }

    /** The counts of one cassette; zeros when it was not used. */
    public Counts cassette(String name) {
        return cassettes.getOrDefault(name, new Counts(0, 0, 0, 0, 0, 0));
    }
}
