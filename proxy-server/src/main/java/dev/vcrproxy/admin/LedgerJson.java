package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.mode.Budgets;
import dev.vcrproxy.mode.Ledger;

/** The ledger's figures and the run's budgets as stats and the report show them. */
final class LedgerJson {
    private LedgerJson() {
    }

    /** {@code upstream_calls}, {@code tokens_spent}, {@code calls_saved}, {@code tokens_saved}, {@code time_saved_ms}. */
    static void putFigures(ObjectNode node, Ledger.Figures figures) {
        figures.named().forEach(node::put);
    }

    /** {@code "budgets": {"max_upstream_calls": N or null, "max_upstream_tokens": N or null}}. */
    static void putBudgets(ObjectNode parent, Budgets budgets) {
        ObjectNode node = parent.putObject("budgets");
        put(node, Budgets.Kind.CALLS.statName, budgets.maxUpstreamCalls());
        put(node, Budgets.Kind.TOKENS.statName, budgets.maxUpstreamTokens());
    }

    private static void put(ObjectNode node, String name, Long value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
