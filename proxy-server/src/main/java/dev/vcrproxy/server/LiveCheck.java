package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.Drift;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.ProviderUsage;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.cassette.ShapeChange;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.mode.Usage;
import dev.vcrproxy.upstream.UpstreamCall;
import dev.vcrproxy.upstream.UpstreamListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One live call in verify: the client's request (its own headers, so its real credentials) sent
 * upstream after its hit was answered from the cassette, the whole answer read, then compared by
 * shape with the recording that was served, off the event loop. Nothing is recorded. A call that
 * fails is an upstream error, not drift.
 */
final class LiveCheck implements UpstreamListener {
    private static final Logger log = LoggerFactory.getLogger(LiveCheck.class);

    private final ExchangeContext exchange;
    private final Interaction served;
    private final Runnable done;
    private final Runnable notCompared;
    private final long maxBytes;
    private HttpResponse head;
    private AnswerCapture answer;
    private volatile boolean finished;

    /** {@code done} runs at the end in any case; {@code notCompared} first when no comparison could be made. */
    LiveCheck(ExchangeContext exchange, Interaction served, Runnable done, Runnable notCompared) {
        this.exchange = exchange;
        this.served = served;
        this.done = done;
        this.notCompared = notCompared;
        this.maxBytes = exchange.services().config().maxBodyBytes();
    }

    void start() {
        try {
            exchange.services().upstream().send(exchange.ctx().channel().eventLoop(), exchange.match().route(),
                    UpstreamRequest.of(exchange), this);
        } catch (RuntimeException e) {
            failed("could not be sent: " + e);
        }
    }

    @Override
    public void onHead(UpstreamCall call, HttpResponse head) {
        this.head = head;
        answer = new AnswerCapture(head, maxBytes, true, false);
        call.read();
    }

    @Override
    public void onContent(UpstreamCall call, HttpContent content) {
        try {
            if (answer.keep(content.content())) {
                call.read();
            } else {
                call.abort();
                failed("answered more than the proxy's limit of " + maxBytes + " bytes (--max-body-mib)");
            }
        } finally {
            content.release();
        }
    }

    @Override
    public void onEnd(UpstreamCall call, LastHttpContent last) {
        try {
            if (!answer.keep(last.content())) {
                failed("answered more than the proxy's limit of " + maxBytes + " bytes (--max-body-mib)");
                return;
            }
        } finally {
            last.release();
        }
        int status = head.status().code();
        String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        List<dev.vcrproxy.cassette.StreamEvent> streamed = answer.finishEvents();
        byte[] bytes = answer.body();
        try {
            exchange.services().worker().execute(() -> compare(status, contentType, bytes, streamed));
        } catch (RuntimeException e) { // the worker is gone: the proxy is stopping
            finish();
        }
    }

    @Override
    public void onFailure(UpstreamCall call, Throwable cause, boolean timedOut) {
        failed(timedOut || cause instanceof ReadTimeoutException
                ? "sent nothing for " + exchange.services().config().upstreamTimeout().toSeconds() + " s (--upstream-timeout)"
                : "failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
    }

    private void compare(int status, String contentType, byte[] bytes, List<dev.vcrproxy.cassette.StreamEvent> streamed) {
        try {
            TreeMap<String, String> headers = new TreeMap<>();
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            RecordedResponse live = streamed != null ? RecordedResponse.stream(status, headers, streamed)
                    : new RecordedResponse(status, headers, Body.of(bytes, contentType));
            RecordedResponse recorded = served.response();
            exchange.services().stats().ledger().spent(exchange.cassette(), ProviderUsage.of(live).orElse(null));
            if (failure(live) && !failure(recorded)) {
                failed("answered " + status + (status == 200 ? " with an \"error\" field" : ""));
                return;
            }
            List<ShapeChange> changes = Drift.compare(recorded, live);
            var services = exchange.services();
            if (changes.isEmpty()) {
                services.stats().count(exchange.cassette(), Outcome.VERIFIED);
                return;
            }
            services.stats().count(exchange.cassette(), Outcome.DRIFTED);
            var request = served.request();
            services.usage().drifted(new Usage.DriftRecord(exchange.cassette(), served.key(), served.seq(),
                    request.method(), request.route(), request.path(), changes));
            log.warn("drift in cassette '{}' for {} (key {}… seq {}): the live answer differs from the recording in {} way(s): {}",
                    exchange.cassette(), exchange.describe(), served.key().substring(0, 12), served.seq(), changes.size(),
                    changes.stream().map(ShapeChange::describe).collect(Collectors.joining("; ")));
        } catch (RuntimeException e) {
            log.error("verify: comparing the live answer for {} failed", exchange.describe(), e);
        } finally {
            finish();
        }
    }

    /** An answer that says the service failed (5xx, 429, Modal's 200 with "error") rather than how it answers. */
    private static boolean failure(RecordedResponse response) {
        return UpstreamAnswers.isErrorStatus(response.status()) || UpstreamAnswers.isModalStyleError(response);
    }

    private void failed(String why) {
        if (finished) {
            return;
        }
        exchange.services().stats().count(exchange.cassette(), Outcome.UPSTREAM_ERROR);
        log.warn("verify: the live call for {} in cassette '{}' {}; not compared", exchange.describe(), exchange.cassette(), why);
        notCompared.run();
        finish();
    }

    private void finish() {
        if (!finished) {
            finished = true;
            done.run();
        }
    }
}
