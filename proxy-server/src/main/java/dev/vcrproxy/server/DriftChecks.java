package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.mode.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In verify, the live calls behind replayed hits and their comparisons, counted so that a
 * shutdown waits for them and the report is complete. Each recording is compared once per run:
 * a suite that replays it a hundred times learns nothing more from a hundred paid calls, and its
 * hits stay as fast as in replay.
 */
final class DriftChecks {
    private static final Logger log = LoggerFactory.getLogger(DriftChecks.class);

    private final InFlight running = new InFlight();
    private final Set<String> routesWithoutUpstream = ConcurrentHashMap.newKeySet();
    private final Set<String> compared = ConcurrentHashMap.newKeySet();

    /** Sends the request of a hit that has just been answered from {@code served} upstream, and compares. */
    void start(ExchangeContext exchange, Interaction served) {
        String recording = exchange.cassette().value() + " " + served.key() + " " + served.seq();
        if (!compared.add(recording)) {
            return; // compared already in this run, or being compared
        }
        var route = exchange.match().route();
        if (!route.hasUpstream()) {
            if (routesWithoutUpstream.add(route.prefix())) {
                log.warn("verify: no upstream for route {} (start the proxy with --upstream URL or --route PREFIX=URL);"
                        + " its hits are served but not compared", route.prefix());
            }
            exchange.services().stats().count(exchange.cassette(), Outcome.UPSTREAM_ERROR);
            return;
        }
        // a live call is a real, paid call: it counts as one and respects the run's budgets
        var ledger = exchange.services().stats().ledger();
        var refusal = ledger.tryUpstreamCall(exchange.cassette());
        if (refusal.isPresent()) {
            String message = refusal.get().message("the live call of " + exchange.describe() + " (cassette '"
                    + exchange.cassette() + "')") + "; its hit is served but not compared";
            if (ledger.firstRefusal(refusal.get().kind())) {
                log.warn("verify: {}", message);
            } else {
                log.debug("verify: {}", message);
            }
            exchange.services().stats().count(exchange.cassette(), Outcome.BUDGET_REFUSED);
            compared.remove(recording);
            return;
        }
        running.begin();
        // a live call that failed compared nothing: the recording's next hit tries again
        new LiveCheck(exchange, served, running::end, () -> compared.remove(recording)).start();
    }

    int running() {
        return running.count();
    }

    /** True when every comparison finished within {@code limit}. */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        return running.awaitIdle(limit);
    }
}
