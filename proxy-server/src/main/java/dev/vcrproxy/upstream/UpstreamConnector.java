package dev.vcrproxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens a connection per forwarded request on the client's event loop, sends the request and
 * relays the response to an {@link UpstreamListener}. HTTPS upstreams get SNI and hostname
 * verification against the JVM's trust store ({@code -Djavax.net.ssl.trustStore} works).
 */
public final class UpstreamConnector {
    private static final int CONNECT_TIMEOUT_MS = 30_000;

    private final Duration idleTimeout;
    private final SslContext sslContext;
    private final Class<? extends Channel> channelType;

    public UpstreamConnector(Duration idleTimeout, Class<? extends Channel> channelType) {
        this.idleTimeout = idleTimeout;
        this.channelType = channelType;
        try {
            this.sslContext = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for upstreams: " + e.getMessage(), e);
        }
    }

    /** Sends {@code request} (whose reference this call takes) to {@code route}'s upstream. */
    public UpstreamCall send(EventLoop loop, Route route, FullHttpRequest request, UpstreamListener listener) {
        UpstreamCall call = new UpstreamCall();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("timeout", new ReadTimeoutHandler(idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
                        if (route.isTls()) {
                            p.addLast("tls", tlsHandler(ch, route));
                        }
                        p.addLast("codec", new HttpClientCodec());
                        p.addLast("decompress", new HttpContentDecompressor());
                        p.addLast("response", new UpstreamResponseHandler(call, listener));
                    }
                });
        bootstrap.connect(route.host(), route.port()).addListener((ChannelFutureListener) connected -> {
            if (!connected.isSuccess()) {
                request.release();
                if (!call.isAborted()) {
                    listener.onFailure(call, connected.cause(), false);
                }
                return;
            }
            Channel channel = connected.channel();
            call.attach(channel);
            channel.writeAndFlush(request).addListener((ChannelFutureListener) written -> {
                if (written.isSuccess()) {
                    channel.read();
                } else {
                    channel.pipeline().fireExceptionCaught(written.cause());
                }
            });
        });
        return call;
    }

    private SslHandler tlsHandler(Channel ch, Route route) {
        SslHandler handler = sslContext.newHandler(ch.alloc(), route.host(), route.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }
}
