package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.Difference;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Redaction;
import dev.vcrproxy.cassette.RequestDiff;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.mode.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A replayed request with no recording: 404 {@code vcr_cassette_miss} naming the cassette, the
 * key, and the closest recording of that cassette (same path first) with every field that differs.
 */
final class Miss {
    private static final Logger log = LoggerFactory.getLogger(Miss.class);

    private Miss() {
    }

    static void answer(ExchangeContext exchange, Cassette cassette) {
        RequestDiff.Closest closest = closest(exchange, cassette);
        String message = message(exchange, cassette, closest);
        ObjectNode body = ProxyResponses.errorBody("vcr_cassette_miss", message);
        ObjectNode error = (ObjectNode) body.get("error");
        error.put("cassette", exchange.cassette().value());
        error.put("key", exchange.key());
        if (closest == null) {
            error.putNull("closest");
        } else {
            ObjectNode near = error.putObject("closest");
            near.put("key", closest.interaction().key());
            near.put("seq", closest.interaction().seq());
            near.set("request", Redaction.hidden((ObjectNode) CassetteCodec.toJson(closest.interaction()).get("request")));
            near.set("differences", differences(closest.differences()));
        }
        log.warn("{}", message);
        exchange.services().usage().missed(exchange.cassette(), new Usage.MissRecord(exchange.key(), exchange.describe(),
                closest == null ? null : closest.interaction().key(),
                closest == null ? Json.array() : differences(closest.differences())));
        exchange.finish(Outcome.MISS, ProxyResponses.json(404, body), null);
    }

    private static RequestDiff.Closest closest(ExchangeContext exchange, Cassette cassette) {
        String path = exchange.recorded().clientPath();
        List<Interaction> sameRoute = cassette.interactions().stream()
                .filter(i -> i.request().clientPath().equals(path)).toList();
        List<Interaction> candidates = sameRoute.isEmpty() ? cassette.interactions() : sameRoute;
        return RequestDiff.closest(exchange.recorded(), candidates, exchange.services().config().matchRules());
    }

    private static String message(ExchangeContext exchange, Cassette cassette, RequestDiff.Closest closest) {
        String head = "no recording in cassette '" + exchange.cassette() + "' for " + exchange.describe()
                + " (key " + exchange.key().substring(0, 12) + "…)";
        if (cassette.isEmpty()) {
            return head + "; the cassette is empty or missing: record it with --mode record-missing";
        }
        if (closest.differences().isEmpty()) {
            return head + "; a recording with the same content exists under another key"
                    + " (recorded with other matching options?): re-record with --mode record";
        }
        String fields = closest.differences().stream().map(Miss::describe).collect(Collectors.joining("; "));
        return head + "; closest recording differs in " + closest.differences().size() + " field(s): " + fields;
    }

    private static String describe(Difference d) {
        String where = d.field() + (d.pointer().isEmpty() ? "" : " " + d.pointer());
        return where + ": recorded " + (d.recorded() == null ? "(absent)" : Json.compact(d.recorded()))
                + ", actual " + (d.actual() == null ? "(absent)" : Json.compact(d.actual()));
    }

    private static ArrayNode differences(List<Difference> differences) {
        ArrayNode list = Json.array();
        for (Difference d : differences) {
            ObjectNode item = list.addObject();
            item.put("field", d.field());
            item.put("pointer", d.pointer());
            item.put("change", d.recorded() == null ? "added" : d.actual() == null ? "removed" : "changed");
            if (d.recorded() != null) {
                item.set("recorded", d.recorded());
            }
            if (d.actual() != null) {
                item.set("actual", d.actual());
            }
        }
        return list;
    }
}
