package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.store.RecordOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What became of a recording the store was asked to write: its outcome, and its one log line. */
final class RecordingResults {
    private static final Logger log = LoggerFactory.getLogger(RecordingRelay.class); // the relay's lines, as before

    private RecordingResults() {
    }

    /** {@code streaming}: the answer already went out as {@code X-Vcr-Result: recorded}. */
    static Outcome outcome(ExchangeContext exchange, RecordOutcome outcome, Throwable error, boolean streaming) {
        if (error != null) {
            log.error("recording to cassette '{}' failed for {}: {}{}", exchange.cassette(), exchange.describe(),
                    error.getCause() != null ? error.getCause().getMessage() : error.getMessage(),
                    streaming ? " (the stream had already gone out as X-Vcr-Result: recorded)" : "");
            return Outcome.RECORD_ERROR;
        }
        if (!outcome.isWritten()) {
            var finding = outcome.blockedSecret().orElseThrow();
            log.error("not recorded: {} in cassette '{}' holds what looks like a {} at {}; redact it"
                    + " (the client still got its response)", exchange.describe(), exchange.cassette(),
                    finding.kind(), finding.pointer());
            return Outcome.SECRET_BLOCKED;
        }
        Interaction written = outcome.interaction();
        log.info("recorded {} -> {} in cassette '{}' key={} seq={} ({} ms)", exchange.describe(),
                written.response().status(), exchange.cassette(), written.key().substring(0, 12), written.seq(),
                written.durationMs());
        return Outcome.RECORDED;
    }
}
