package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.ShapeChange;
import dev.vcrproxy.mode.Usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's report read back ({@code vcr-proxy check}): from a {@code --report-file} or a running
 * proxy's {@code /__vcr/report}, written by {@link Report}. Counts are kept by their names, so counts
 * added later (or by a newer proxy) are read too; what is absent is simply absent.
 */
public record RunReport(String mode, Map<String, Long> totals, List<CassetteRun> cassettes, List<DriftEntry> drift,
                        List<String> unusedCassettes) {

    /** One cassette the run touched. */
    public record CassetteRun(String name, Map<String, Long> counts, List<String> unusedKeys, List<MissEntry> misses,
                              String error) {
    }

    /** A request with no recording; {@code differences} as the 404 lists them. */
    public record MissEntry(String key, String request, String closestKey, List<JsonNode> differences) {
    }

    /** A recording whose live answer changed shape (mode verify). */
    public record DriftEntry(String cassette, String key, int seq, String method, String route, String path,
                             List<ShapeChange> changes) {
        static DriftEntry of(Usage.DriftRecord d) {
            return new DriftEntry(d.cassette().value(), d.key(), d.seq(), d.method(), d.route(), d.path(), d.changes());
        }

        /** The request line a person recognizes: {@code POST /generate}, the route prefix included. */
        public String requestLine() {
            String prefix = route == null || route.equals("/") ? "" : route;
            return method + " " + (prefix + (path.equals("/") && !prefix.isEmpty() ? "" : path));
        }

        ObjectNode toJson() {
            ObjectNode item = Json.object();
            item.put("cassette", cassette);
            item.put("key", key);
            item.put("seq", seq);
            item.putObject("request").put("method", method).put("route", route).put("path", path);
            ArrayNode list = item.putArray("changes");
            for (ShapeChange c : changes) {
                ObjectNode change = list.addObject();
                change.put("field", c.field());
                if (c.event() != null) {
                    change.put("event", c.event());
                }
                change.put("pointer", c.pointer());
                change.put("change", c.change());
                change.put("recorded", c.recorded());
                change.put("live", c.live());
            }
            return item;
        }

        static DriftEntry read(JsonNode node) {
            List<ShapeChange> changes = new ArrayList<>();
            for (JsonNode c : node.path("changes")) {
                changes.add(new ShapeChange(c.path("field").asText("body"), text(c, "event"), c.path("pointer").asText(""),
                        c.path("change").asText(""), text(c, "recorded"), text(c, "live")));
            }
            JsonNode request = node.path("request");
            return new DriftEntry(node.path("cassette").asText(), node.path("key").asText(), node.path("seq").asInt(),
                    request.path("method").asText(), request.path("route").asText("/"), request.path("path").asText(), changes);
        }
    }

    /** The report in {@code root}; IllegalArgumentException when it is not one. */
    public static RunReport read(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("totals").isObject() || !root.path("cassettes").isObject()) {
            throw new IllegalArgumentException("not a vcr-proxy report (no \"totals\" and \"cassettes\")");
        }
        List<CassetteRun> cassettes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.get("cassettes").properties()) {
            JsonNode node = entry.getValue();
            List<MissEntry> misses = new ArrayList<>();
            for (JsonNode miss : node.path("misses")) {
                List<JsonNode> differences = new ArrayList<>();
                miss.path("differences").forEach(differences::add);
                misses.add(new MissEntry(miss.path("key").asText(), miss.path("request").asText(), text(miss, "closest_key"),
                        differences));
            }
            cassettes.add(new CassetteRun(entry.getKey(), counts(node.path("counts")), strings(node.path("unused_keys")),
                    misses, text(node, "error")));
        }
        List<DriftEntry> drift = new ArrayList<>();
        root.path("drift").forEach(d -> drift.add(DriftEntry.read(d)));
        List<String> unusedCassettes = new ArrayList<>();
        for (JsonNode item : root.path("unused_cassettes")) {
            unusedCassettes.add(item.isObject() ? item.path("name").asText(item.path("cassette").asText()) : item.asText());
        }
        return new RunReport(root.path("mode").asText(""), counts(root.get("totals")), List.copyOf(cassettes),
                List.copyOf(drift), List.copyOf(unusedCassettes));
    }

    /** A count of the totals, or null when the report has none by that name. */
    public Long total(String name) {
        return totals.get(name);
    }

    public long count(String name) {
        return totals.getOrDefault(name, 0L);
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isNumber()) {
                counts.put(entry.getKey(), entry.getValue().asLong());
            }
        }
        return counts;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
