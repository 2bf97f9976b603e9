package dev.vcrproxy.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.mode.Outcome;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The replay hot path: each recording's response headers (stored headers, length, the proxy's
 * own) are built once and shared read-only by every replay of it; only the body buffer is new.
 * Keyed by identity, so a re-read or re-recorded cassette simply gets fresh entries.
 */
final class ReplayResponses {
    private record Prepared(HttpResponseStatus status, HttpHeaders headers, boolean redirects) {
    }

    /** Maintenance runs on the calling event loop: handing it to a pool would wake a thread every few hits. */
    private final Cache<Interaction, Prepared> prepared = Caffeine.newBuilder()
            .executor(Runnable::run).weakKeys().maximumSize(100_000).build();

    FullHttpResponse response(Interaction interaction, ExchangeContext exchange) {
        Prepared p = prepared.get(interaction, i -> prepare(i, exchange.cassette()));
        HttpHeaders headers = p.headers();
        if (!exchange.keepAlive() || p.redirects()) {
            headers = headers.copy();
            if (!exchange.keepAlive()) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            if (p.redirects()) {
                LocationHeaders.rewriteReplay(headers, exchange, interaction); // depends on the client's address
            }
        }
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, p.status(),
                Unpooled.wrappedBuffer(interaction.response().body().bytes()), headers, EmptyHttpHeaders.INSTANCE);
    }

    private static Prepared prepare(Interaction interaction, CassetteName cassette) {
        RecordedResponse recorded = interaction.response();
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        recorded.headers().forEach(headers::set);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, recorded.body().bytes().length);
        headers.set(VcrHeaders.RESULT, Outcome.HIT.header());
        headers.set(VcrHeaders.KEY, interaction.key());
        headers.set(VcrHeaders.CASSETTE, cassette.value());
        return new Prepared(HttpResponseStatus.valueOf(recorded.status()), headers, LocationHeaders.present(recorded.headers()));
    }
}
