package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.faults.Faults;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.sse.EventReplayer;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Answers a hit from its recording: a stored body in one response, or stored events one by one. */
final class Replay {
    private Replay() {
    }

    static void send(Interaction interaction, ExchangeContext exchange) {
        Faults faults = exchange.services().faults().decide(exchange.cassette(), exchange.key(), exchange::describe,
                exchange.faultRules());
        if (faults != null) {
            FaultedReplay.send(interaction, exchange, faults);
            return;
        }
        RecordedResponse recorded = interaction.response();
        if (!recorded.isStream()) {
            exchange.finishHit(exchange.services().replays().response(interaction, exchange), interaction);
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(recorded.status()));
        recorded.headers().forEach((name, value) -> head.headers().set(name, value));
        if (LocationHeaders.present(recorded.headers())) {
            LocationHeaders.rewriteReplay(head.headers(), exchange, interaction);
        }
        HttpUtil.setTransferEncodingChunked(head, true);
        exchange.tag(head, Outcome.HIT.header());
        var ctx = exchange.ctx();
        ctx.write(ProxyResponses.setKeepAlive(head, exchange.keepAlive()));
        var continuation = ProxyResponses.continuation(ctx, exchange.keepAlive());
        new EventReplayer(ctx, recorded.events(), exchange.services().config().replayTiming(), done -> {
            exchange.finishedHit(interaction);
            continuation.operationComplete(done);
        }).start();
    }
}
