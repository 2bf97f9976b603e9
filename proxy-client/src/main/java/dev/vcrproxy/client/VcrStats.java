package dev.vcrproxy.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Counts from {@code GET /__vcr/stats}, in total and per cassette. */
public record VcrStats(Counts total, SortedMap<String, Counts> cassettes) {

    public record Counts(long hits, long misses, long recorded, long passthrough, long upstreamErrors, long secretsBlocked) {
        static Counts of(JsonNode node) {
            return new Counts(node.path("hits").asLong(), node.path("misses").asLong(), node.path("recorded").asLong(),
                    node.path("passthrough").asLong(), node.path("upstream_errors").asLong(), node.path("secrets_blocked").asLong());
        }
    }

    static VcrStats of(JsonNode node) {
        SortedMap<String, Counts> cassettes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("cassettes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            cassettes.put(entry.getKey(), Counts.of(entry.getValue()));
        }
        return new VcrStats(Counts.of(node), cassettes);
    }

    /** The counts of one cassette; zeros when it was not used. */
    public Counts cassette(String name) {
        return cassettes.getOrDefault(name, new Counts(0, 0, 0, 0, 0, 0));
    }
}
