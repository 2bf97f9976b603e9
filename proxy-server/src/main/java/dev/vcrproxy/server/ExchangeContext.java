package dev.vcrproxy.server;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.IncomingRequest;
import dev.vcrproxy.cassette.RecordedRequest;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.upstream.RouteTable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;

/**
 * What is known about one proxied request once it is keyed; also how it ends.
 * {@code cassettePathPrefix} is the {@code /__cassette/NAME} the client's path began with, or empty.
 */
record ExchangeContext(ProxyServices services, ChannelHandlerContext ctx, boolean keepAlive,
                       CassetteName cassette, RouteTable.Match match, IncomingRequest incoming,
                       RecordedRequest recorded, String key, String cassettePathPrefix) {

    /** Adds the proxy's headers: result, key and cassette. */
    HttpResponse tag(HttpResponse response, String result) {
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
        if (outcome != null) {
            count(outcome);
        }
        String header = result != null ? result : outcome != null ? outcome.header() : "error";
        tag(response, header);
        ProxyResponses.send(ctx, response, keepAlive);
        services.inFlight().end();
    }

    /** Sends a prepared replay whose headers are shared (so nothing here may change them). */
    void finishHit(FullHttpResponse response) {
        count(Outcome.HIT);
        ctx.writeAndFlush(response).addListener(ProxyResponses.continuation(ctx, keepAlive));
        services.inFlight().end();
    }

    /** Ends a request whose response was streamed by the caller. */
    void finished(Outcome outcome) {
        count(outcome);
        services.inFlight().end();
    }

    private void count(Outcome outcome) {
        services.stats().count(cassette, outcome);
        if (outcome == Outcome.HIT || outcome == Outcome.RECORDED) {
            services.usage().used(cassette, key);
        }
    }

    String describe() {
        return recorded.method() + " " + recorded.clientPath();
    }
}
