package dev.vcrproxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpMessage;

/** Aggregates request bodies up to {@code --max-body-mib}; a larger one gets 413 {@code vcr_body_too_large}. */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final long limit;

    BodyLimitAggregator(int limit) {
        super(limit, true);
        this.limit = limit;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = ProxyResponses.error(413, "vcr_body_too_large",
                "request body is larger than the proxy's limit of " + limit + " bytes (--max-body-mib)");
        ProxyResponses.send(ctx, response, false);
    }
}
