package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.mode.Budgets;
import dev.vcrproxy.mode.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that would have gone upstream after a spend budget was reached: {@code 429
 * vcr_budget_exceeded}, never forwarded. The budget does not refill within a run, so there is no
 * {@code Retry-After}, and {@code x-should-retry: false} tells the OpenAI and Anthropic SDKs (which
 * retry every 429 otherwise) to fail at once. Logged at WARN once per budget, then at DEBUG, so a
 * suite that runs into it does not flood the log.
 */
final class BudgetRefusal {
    private static final Logger log = LoggerFactory.getLogger(BudgetRefusal.class);
    static final String SHOULD_RETRY = "x-should-retry";

    private BudgetRefusal() {
    }

    static void answer(ExchangeContext exchange, Budgets.Refusal refusal) {
        String message = refusal.message(exchange.describe() + " (cassette '" + exchange.cassette() + "')");
        if (exchange.services().stats().ledger().firstRefusal(refusal.kind())) {
            log.warn("{} (further refusals by this budget are logged at DEBUG)", message);
        } else {
            log.debug("{}", message);
        }
        ObjectNode body = ProxyResponses.errorBody("vcr_budget_exceeded", message);
        ObjectNode error = (ObjectNode) body.get("error");
        error.put("budget", refusal.kind().statName);
        error.put("limit", refusal.limit());
        error.put("spent", refusal.spent());
        error.put("cassette", exchange.cassette().value());
        error.put("key", exchange.key());
        var response = ProxyResponses.json(429, body);
        response.headers().set(SHOULD_RETRY, "false");
        exchange.finish(Outcome.BUDGET_REFUSED, response, null);
    }
}
