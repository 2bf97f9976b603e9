package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.mode.Outcome;

import java.util.Map;

/** {@code GET /__vcr/stats}: outcome counts since start, in total and per cassette. */
final class StatsTask implements AdminTask {
    @Override
    public AdminResponse handle(AdminRequest request, AdminContext context) {
        ObjectNode body = Json.object();
        putCounts(body, context.stats().total());
        ObjectNode cassettes = body.putObject("cassettes");
        context.stats().perCassette().forEach((name, counts) -> putCounts(cassettes.putObject(name), counts));
        return AdminResponse.ok(body);
    }

    private static void putCounts(ObjectNode node, Map<Outcome, Long> counts) {
        counts.forEach((outcome, n) -> node.put(outcome.statName(), n));
    }
}
