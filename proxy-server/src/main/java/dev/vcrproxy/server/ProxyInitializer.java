package dev.vcrproxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The client-side pipeline: idle and header timeouts around the HTTP/1.1 codec, request
 * aggregation up to the body limit, the frontend.
 */
final class ProxyInitializer extends ChannelInitializer<SocketChannel> {
    private final ProxyServices services;

    ProxyInitializer(ProxyServices services) {
        this.services = services;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        var config = services.config();
        ClientTimeouts timeouts = new ClientTimeouts(config.headerTimeout());
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("first-bytes", timeouts.firstBytes())
                .addLast("codec", new HttpServerCodec())
                .addLast("timeouts", timeouts)
                .addLast("framing", new RequestFraming())
                .addLast("aggregate", new BodyLimitAggregator((int) services.config().maxBodyBytes()))
                .addLast("frontend", new FrontendHandler(services));
    }
}
