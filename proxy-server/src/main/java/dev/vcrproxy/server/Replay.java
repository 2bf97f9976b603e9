package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.RecordedResponse;
import io.netty.handler.codec.http.FullHttpResponse;

/** Builds the response for a hit from its recording: stored status, headers and body bytes. */
final class Replay {
    private Replay() {
    }

    static FullHttpResponse response(Interaction interaction, ExchangeContext exchange) {
        RecordedResponse recorded = interaction.response();
        FullHttpResponse response = ProxyResponses.bytes(recorded.status(), null, recorded.body().bytes());
        recorded.headers().forEach((name, value) -> response.headers().set(name, value));
        return response;
    }
}
