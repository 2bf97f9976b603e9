package dev.vcrproxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a request whose body framing cannot be trusted, as soon as its head arrives: a
 * {@code Transfer-Encoding} other than {@code chunked} (say {@code xchunked} beside a
 * {@code Content-Length}, a smuggling attempt) is {@code 400}, and the connection closes
 * (RFC 9112, section 6.3). Sits between the HTTP codec and the aggregator.
 */
final class RequestFraming extends ChannelInboundHandlerAdapter {
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            String codings = request.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
            if (codings != null && !codings.trim().equalsIgnoreCase("chunked")) {
                refused = true;
                ReferenceCountUtil.release(msg);
                ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_bad_request",
                        "unsupported Transfer-Encoding '" + codings + "' (only chunked is accepted)"), false);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
