package dev.vcrproxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/** The client-side pipeline: HTTP/1.1 codec, request aggregation up to the body limit, the frontend. */
final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyServices services;

    ProxyInitializer(ProxyServices services) {
        this.services = services;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregate", new BodyLimitAggregator((int) services.config().maxBodyBytes()))
                .addLast("frontend", new FrontendHandler(services));
    }
}
