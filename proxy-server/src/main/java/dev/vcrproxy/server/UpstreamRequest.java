package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Redaction;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** The client's request as it goes upstream, for a recording or a live comparison alike. */
final class UpstreamRequest {
    private UpstreamRequest() {
    }

    /** Its own headers (credentials included, the proxy's own left out), the route's host and target. */
    static FullHttpRequest of(ExchangeContext exchange) {
        var incoming = exchange.incoming();
        var route = exchange.match().route();
        var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(incoming.method()),
                route.target(incoming.path(), incoming.rawQuery()), Unpooled.wrappedBuffer(incoming.body()));
        HttpHeaders headers = request.headers();
        Redaction.forwardable(incoming.headers()).forEach(h -> headers.add(h.getKey(), h.getValue()));
        headers.set(HttpHeaderNames.HOST, route.hostHeader());
        headers.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate");
        HttpUtil.setContentLength(request, incoming.body().length);
        return request;
    }
}
