package dev.vcrproxy.server;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.IncomingRequest;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.RecordedRequest;
import dev.vcrproxy.faults.FaultRule;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.upstream.RouteTable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What is known about one proxied request once it is keyed; also how it ends.
 * {@code cassettePathPrefix} is the {@code /__cassette/NAME} the client's path began with, or empty;
 * {@code faultRules} are those of its {@code X-Vcr-Fault} header (applied only if it is a hit).
 */
record ExchangeContext(ProxyServices services, ChannelHandlerContext ctx, boolean keepAlive,
                       CassetteName cassette, RouteTable.Match match, IncomingRequest incoming,
                       RecordedRequest recorded, String key, String cassettePathPrefix, Ending ending,
                       List<FaultRule> faultRules) {
    private static final Logger log = LoggerFactory.getLogger(ExchangeContext.class);

    /** Adds the proxy's headers: result, key and cassette. */
    HttpResponse tag(HttpResponse response, String result) {
        ending.headSent();
        response.headers().set(VcrHeaders.RESULT, result);
        response.headers().set(VcrHeaders.KEY, key);
        response.headers().set(VcrHeaders.CASSETTE, cassette.value());
        return response;
    }

    /**
     * Counts the outcome (when given), sends {@code response} tagged with it, and ends the request.
     * {@code result} overrides the {@code X-Vcr-Result} value the outcome implies.
     */
    void finish(Outcome outcome, FullHttpResponse response, String result) {
        if (!ending.end()) {
            response.release();
            return;
        }
        if (outcome != null) {
            count(outcome);
        }
        String header = result != null ? result : outcome != null ? outcome.header() : "error";
        tag(response, header);
        ProxyResponses.send(ctx, response, keepAlive);
    }

    /** Sends a prepared replay of {@code served} whose headers are shared (so nothing here may change them). */
    void finishHit(FullHttpResponse response, Interaction served) {
        if (!ending.end()) {
            response.release();
            return;
        }
        count(Outcome.HIT);
        services.stats().ledger().saved(cassette, served);
        BodyWriter.write(ctx, response).addListener(ProxyResponses.continuation(ctx, keepAlive));
    }

    /** Ends a request whose response was streamed by the caller. */
    void finished(Outcome outcome) {
        if (ending.end()) {
            count(outcome);
        }
    }

    /** Ends a hit whose recording {@code served} was streamed by the caller. */
    void finishedHit(Interaction served) {
        if (ending.end()) {
            count(Outcome.HIT);
            services.stats().ledger().saved(cassette, served);
        }
    }

    /** Ends a request without counting it (the client left, or a stream was cut); false when it had ended. */
    boolean release() {
        return ending.end();
    }

    /**
     * Runs {@code step}, a continuation of this request (after a store read or write, or an upstream
     * callback): an unexpected exception answers {@code 500 vcr_internal_error} once, or closes the
     * connection when a response had begun, instead of leaving the client to its own timeout.
     */
    void guard(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | StackOverflowError e) {
            internalError(ctx, ending, keepAlive, describe(), e);
        }
    }

    static void internalError(ChannelHandlerContext ctx, Ending ending, boolean keepAlive, String request, Throwable e) {
        if (!ending.end()) {
            log.error("internal error after {} was answered", request, e);
            return;
        }
        log.error("internal error while answering {}", request, e);
        if (ending.isHeadSent()) {
            ctx.close();
        } else {
            ProxyResponses.send(ctx, ProxyResponses.error(500, "vcr_internal_error", "internal error while answering "
                    + request + ": " + e + " (see the proxy's log)"), keepAlive);
        }
    }

    private void count(Outcome outcome) {
        if (log.isDebugEnabled()) {
            log.debug("{} -> {} in cassette '{}' key={}", describe(), outcome.header(), cassette, key.substring(0, 12));
        }
        services.stats().count(cassette, outcome);
        if (outcome == Outcome.HIT || outcome == Outcome.RECORDED) {
            services.usage().used(cassette, key);
        }
    }

    String describe() {
        return recorded.method() + " " + recorded.clientPath();
    }
}
