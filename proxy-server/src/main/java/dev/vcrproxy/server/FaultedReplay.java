package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.faults.ErrorShape;
import dev.vcrproxy.faults.FaultRule;
import dev.vcrproxy.faults.FaultWriter;
import dev.vcrproxy.faults.Faults;
import dev.vcrproxy.faults.Pieces;
import dev.vcrproxy.mode.Outcome;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.List;

/**
 * A hit that the fault plan picked: an error in the provider's shape instead of the recording, or
 * the recording delayed, re-split or cut. Tagged like any hit, plus {@code X-Vcr-Fault}.
 */
final class FaultedReplay {
    private FaultedReplay() {
    }

    static void send(Interaction interaction, ExchangeContext exchange, Faults faults) {
        RecordedResponse recorded = interaction.response();
        HttpResponse head;
        List<Pieces.Piece> pieces;
        if (faults.status() > 0) {
            String rule = faults.fired().stream().filter(r -> r.kind() == FaultRule.Kind.STATUS).findFirst()
                    .map(FaultRule::text).orElseThrow();
            ErrorShape shape = ErrorShape.choose(exchange.services().config().faults().presets(),
                    exchange.recorded().clientPath());
            byte[] body = shape.body(faults.status(), rule);
            head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(faults.status()));
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            if (faults.status() == 429 || faults.status() == 503) {
                head.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            }
            HttpUtil.setContentLength(head, body.length);
            pieces = Pieces.ofBody(body, faults);
        } else {
            head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(recorded.status()));
            recorded.headers().forEach((name, value) -> head.headers().set(name, value));
            if (LocationHeaders.present(recorded.headers())) {
                LocationHeaders.rewriteReplay(head.headers(), exchange, interaction);
            }
            if (recorded.isStream()) {
                HttpUtil.setTransferEncodingChunked(head, true);
                pieces = Pieces.ofEvents(recorded.events(), faults, exchange.services().config().replayTiming());
            } else {
                HttpUtil.setContentLength(head, recorded.body().bytes().length);
                pieces = Pieces.ofBody(recorded.body().bytes(), faults);
            }
        }
        exchange.tag(head, Outcome.HIT.header());
        head.headers().set(VcrHeaders.FAULT, faults.header());
        var ctx = exchange.ctx();
        ChannelFutureListener continuation = ProxyResponses.continuation(ctx, exchange.keepAlive());
        new FaultWriter(ctx, pieces, !faults.cut(), done -> {
            exchange.finished(Outcome.HIT);
            if (faults.cut()) {
                ctx.close(); // no last chunk, no more bytes: what a dropped connection looks like
            } else {
                continuation.operationComplete(done);
            }
        }).start(ProxyResponses.setKeepAlive(head, exchange.keepAlive()), faults.delayMs());
    }
}
