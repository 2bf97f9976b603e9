package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.mode.Ledger;
import dev.vcrproxy.mode.Outcome;

import java.util.Map;

/**
 * {@code GET /__vcr/stats}: outcome counts since start, then what went upstream and what replay
 * saved, and faulted hits, in total and per cassette; and the run's budgets.
 */
final class StatsTask implements AdminTask {
    @Override
    public AdminResponse handle(AdminRequest request, AdminContext context) {
        ObjectNode body = Json.object();
        Ledger ledger = context.stats().ledger();
        putCounts(body, context.stats().total());
        LedgerJson.putFigures(body, ledger.total());
        body.put("faults", context.faults().records().total());
        ObjectNode cassettes = body.putObject("cassettes");
        Map<String, Ledger.Figures> figures = ledger.perCassette();
        Map<String, Long> faults = context.faults().records().perCassette();
        context.stats().perCassette().forEach((name, counts) -> {
            ObjectNode node = cassettes.putObject(name);
            putCounts(node, counts);
            LedgerJson.putFigures(node, figures.getOrDefault(name, Ledger.Figures.ZERO));
            node.put("faults", faults.getOrDefault(name, 0L));
        });
        LedgerJson.putBudgets(body, ledger.budgets());
        return AdminResponse.ok(body);
    }

    private static void putCounts(ObjectNode node, Map<Outcome, Long> counts) {
        counts.forEach((outcome, n) -> node.put(outcome.statName(), n));
    }
}
