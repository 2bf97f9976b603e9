package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.ProviderUsage;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.cassette.StreamEvent;
import dev.vcrproxy.cassette.Redirects;
import dev.vcrproxy.cassette.Redaction;
import dev.vcrproxy.cassette.TokenUsage;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.store.RecordPolicy;
import dev.vcrproxy.upstream.UpstreamCall;
import dev.vcrproxy.upstream.UpstreamListener;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Forwards one request upstream and relays the answer to the client, recording it when asked.
 * Event streams and chunked responses reach the client piece by piece as they arrive (the next
 * upstream read waits for the client write); responses with a length are held until complete,
 * so the proxy can still decide not to record an error. Either way the recording is on disk
 * before the client gets the last byte.
 */
final class RecordingRelay implements UpstreamListener {
    private static final Logger log = LoggerFactory.getLogger(RecordingRelay.class);

    private final ExchangeContext exchange;
    private final ChannelHandlerContext ctx;
    private final RecordPolicy policy;
    private final long startNanos = System.nanoTime();
    private final ChannelFutureListener abortOnClientClose;
    private UpstreamCall call;
    private HttpResponse head;
    private boolean streaming;
    private boolean recordable;
    private AnswerCapture answer;
    private boolean ended;
    private boolean clientGone;

    /** {@code policy} null means pass through without recording. */
    RecordingRelay(ExchangeContext exchange, RecordPolicy policy) {
        this.exchange = exchange;
        this.ctx = exchange.ctx();
        this.policy = policy;
        this.abortOnClientClose = future -> clientLeft();
    }

    /**
     * The client went away. A call that may still be recorded goes on to the upstream's end (within
     * --upstream-timeout and --max-body-mib): SDKs close at {@code data: [DONE]}, before a chunked
     * stream's last chunk, and that answer is complete. Anything else is stopped.
     */
    private void clientLeft() {
        clientGone = true;
        if (ended) {
            return;
        }
        if (mayRecord()) {
            log.debug("client left before the response ended: {}; reading the upstream's answer to its end to record it",
                    exchange.describe());
            return;
        }
        if (call != null) {
            call.abort();
        }
        if (end()) {
            log.debug("client left before the response ended: {} not recorded", exchange.describe());
            exchange.release();
        }
    }

    /** Before the head arrives any recording call may be recorded; after, only a recordable answer. */
    private boolean mayRecord() {
        return policy != null && (head == null || recordable);
    }

    /** True the first time only: each request ends (and is counted) exactly once. */
    private boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        ctx.channel().closeFuture().removeListener(abortOnClientClose);
        return true;
    }

    void start() {
        ctx.channel().closeFuture().addListener(abortOnClientClose);
        call = exchange.services().upstream().send(ctx.channel().eventLoop(), exchange.match().route(),
                UpstreamRequest.of(exchange), this);
    }

    // Each upstream callback runs guarded: an unexpected exception answers 500 instead of a hang.
    @Override
    public void onHead(UpstreamCall call, HttpResponse head) {
        exchange.guard(() -> head(call, head));
    }

    @Override
    public void onContent(UpstreamCall call, HttpContent content) {
        exchange.guard(() -> content(call, content));
    }

    @Override
    public void onEnd(UpstreamCall call, LastHttpContent last) {
        exchange.guard(() -> end(call, last));
    }

    @Override
    public void onFailure(UpstreamCall call, Throwable cause, boolean timedOut) {
        exchange.guard(() -> failure(cause, timedOut));
    }

    private void head(UpstreamCall call, HttpResponse head) {
        this.head = head;
        int status = head.status().code();
        recordable = policy != null && (exchange.services().config().recordErrors() || !UpstreamAnswers.isErrorStatus(status));
        streaming = UpstreamAnswers.isEventStream(head)
                || (!HttpUtil.isContentLengthSet(head) && HttpUtil.isTransferEncodingChunked(head));
        // an event stream passed through is parsed too, for its token usage, but never limited
        answer = new AnswerCapture(head, exchange.services().config().maxBodyBytes(), recordable || !streaming, !recordable);
        if (clientGone && !recordable) {
            clientLeft();
            return;
        }
        if (streaming && !clientGone) {
            HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status());
            UpstreamAnswers.copyHeaders(head, out);
            LocationHeaders.rewriteLive(out.headers(), exchange, policy != null);
            HttpUtil.setTransferEncodingChunked(out, true);
            exchange.tag(out, recordable ? Outcome.RECORDED.header() : Outcome.PASSTHROUGH.header());
            ctx.writeAndFlush(ProxyResponses.setKeepAlive(out, exchange.keepAlive()));
        }
        call.read();
    }

    private void content(UpstreamCall call, HttpContent content) {
        try {
            if (!answer.keep(content.content())) {
                tooLarge();
                return;
            }
            if (streaming && !clientGone) {
                ctx.writeAndFlush(new DefaultHttpContent(content.content().retain())).addListener(written -> {
                    if (written.isSuccess() || mayRecord()) {
                        call.read();
                    } else {
                        clientLeft();
                    }
                });
            } else {
                call.read();
            }
        } finally {
            content.release();
        }
    }

    private void end(UpstreamCall call, LastHttpContent last) {
        if (!answer.keep(last.content())) {
            last.release();
            tooLarge();
            return;
        }
        byte[] bytes = answer.body();
        RecordedResponse response = recordedResponse(bytes);
        TokenUsage usage = ProviderUsage.of(response).orElse(null);
        exchange.services().stats().ledger().spent(exchange.cassette(), usage);
        if (recordable && UpstreamAnswers.isModalStyleError(response) && !exchange.services().config().recordErrors()) {
            log.warn("not recorded: {} answered 200 with an \"error\" field; --record-errors records such answers",
                    exchange.describe());
            recordable = false;
        }
        if (!recordable) {
            complete(last, bytes, Outcome.PASSTHROUGH);
            return;
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        Interaction draft = new Interaction(exchange.key(), 0, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                durationMs, exchange.recorded(), response, storableUpstream(), usage);
        exchange.services().store().record(exchange.cassette(), draft, policy).whenComplete((outcome, error) ->
                ctx.executor().execute(() -> exchange.guard(() -> {
                    // A file that stopped parsing (or now leads out of the folder) while the call ran:
                    // the held answer becomes the store's refusal, as a load of it would have been.
                    FullHttpResponse refused = streaming ? null : CassetteRefusals.answer(error,
                            "; fix the file or delete it to record afresh (this answer was not recorded)");
                    if (refused == null) {
                        complete(last, bytes, RecordingResults.outcome(exchange, outcome, error, streaming));
                        return;
                    }
                    last.release();
                    if (end()) {
                        log.error("not recorded: {}: {}", exchange.describe(), error.getCause().getMessage());
                        exchange.finish(Outcome.RECORD_ERROR, refused, "error");
                    }
                })));
    }

    private RecordedResponse recordedResponse(byte[] bytes) {
        var rules = exchange.services().config().matchRules();
        var headers = Redaction.responseHeaders(HeaderEntries.of(head.headers()), rules);
        List<StreamEvent> events = answer.finishEvents();
        if (events != null) {
            return RecordedResponse.stream(head.status().code(), headers, events);
        }
        return bytes == null ? null : new RecordedResponse(head.status().code(), headers,
                Redaction.redactJson(Body.of(bytes, head.headers().get(HttpHeaderNames.CONTENT_TYPE)), rules));
    }

    /** Sends what is left: the last chunk of a stream, or the whole held response. */
    private void complete(LastHttpContent last, byte[] bytes, Outcome outcome) {
        if (!end()) {
            last.release();
            return;
        }
        if (streaming) {
            LastHttpContent end = new DefaultLastHttpContent(last.content().retain());
            end.trailingHeaders().set(last.trailingHeaders());
            last.release();
            exchange.finished(outcome); // counted before the client can see the end, as a full response is
            ctx.writeAndFlush(end).addListener(ProxyResponses.continuation(ctx, exchange.keepAlive()));
            return;
        }
        last.release();
        FullHttpResponse response = ProxyResponses.bytes(head.status().code(), null, bytes);
        UpstreamAnswers.copyHeaders(head, response);
        LocationHeaders.rewriteLive(response.headers(), exchange, policy != null);
        String result = outcome == Outcome.SECRET_BLOCKED ? Outcome.PASSTHROUGH.header() : null;
        exchange.finish(outcome, response, result);
    }

    private void tooLarge() {
        call.abort();
        if (!end()) {
            return;
        }
        exchange.services().stats().count(exchange.cassette(), Outcome.UPSTREAM_ERROR);
        String message = "upstream response for " + exchange.describe() + " is larger than the proxy's limit of "
                + exchange.services().config().maxBodyBytes() + " bytes (--max-body-mib); nothing recorded";
        log.error("{}", message);
        if (streaming) {
            ctx.close();
            exchange.release();
        } else {
            exchange.finish(null, ProxyResponses.error(502, "vcr_body_too_large", message), null);
        }
    }

    private void failure(Throwable cause, boolean timedOut) {
        if (!end()) {
            return;
        }
        boolean timeout = timedOut || cause instanceof ReadTimeoutException;
        String target = exchange.match().route().upstream() + " for " + exchange.describe();
        String message = timeout
                ? "upstream " + target + " sent nothing for " + exchange.services().config().upstreamTimeout().toSeconds()
                + " s (--upstream-timeout); nothing recorded"
                : "upstream " + target + " failed: " + describe(cause) + "; nothing recorded";
        log.warn("{}", message);
        if (head != null && streaming) {
            exchange.services().stats().count(exchange.cassette(), Outcome.UPSTREAM_ERROR);
            exchange.release();
            ctx.close();
            return;
        }
        exchange.finish(Outcome.UPSTREAM_ERROR, ProxyResponses.error(timeout ? 504 : 502, "vcr_upstream_error", message), null);
    }

    private static String describe(Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Throwable root = cause.getCause();
        return root != null && root.getMessage() != null && !text.contains(root.getMessage())
                ? text + " (" + root.getMessage() + ")" : text;
    }

    /** The upstream a Location rewrite on replay needs; an intercepted origin is the route itself. */
    private String storableUpstream() {
        var route = exchange.match().route();
        return route.isOrigin() ? null : Redirects.storable(route.upstream());
    }
}