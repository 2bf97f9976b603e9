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
import io.netty.resolver.NoopAddressResolverGroup;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends each forwarded request on the client's event loop, over a kept-alive connection to its
 * upstream when one is waiting on that loop (see {@link IdleConnections}) or a new one, and relays
 * the response to an {@link UpstreamListener}. HTTPS upstreams get SNI and hostname verification
 * against the JVM's trust store ({@code -Djavax.net.ssl.trustStore} works). Upstreams that
 * {@link ProxySelection} sends through an egress proxy are reached through its {@code CONNECT}
 * tunnel, http and https alike, with TLS inside the tunnel.
 */
public final class UpstreamConnector {
    private static final int CONNECT_TIMEOUT_MS = 30_000;

    private static final String TIMEOUT = "timeout";
    private static final String RESPONSE = "response";

    private final Duration readTimeout;
    private final Class<? extends Channel> channelType;
    private final ProxySelection egress;
    private final ResolveRules resolve;
    private final Map<EventLoop, IdleConnections> idleByLoop = new ConcurrentHashMap<>();
    /** Loading the JVM's TLS stack and trust store takes most of a second: done once, off the event loops, when needed. */
    private volatile CompletableFuture<SslContext> tls;

    public UpstreamConnector(Duration readTimeout, Class<? extends Channel> channelType, ProxySelection egress) {
        this(readTimeout, channelType, egress, ResolveRules.NONE);
    }

    /** {@code resolve}: where to connect instead for some host and port (TLS still verifies the host). */
    public UpstreamConnector(Duration readTimeout, Class<? extends Channel> channelType, ProxySelection egress,
                             ResolveRules resolve) {
        this.readTimeout = readTimeout;
        this.channelType = channelType;
        this.egress = egress;
        this.resolve = resolve;
    }

    /** Starts loading TLS in the background, so the first HTTPS call does not wait for it. */
    public synchronized CompletableFuture<SslContext> tls() {
        if (tls == null) {
            tls = CompletableFuture.supplyAsync(() -> {
                try {
                    return SslContextBuilder.forClient().build();
                } catch (SSLException e) {
                    throw new IllegalStateException("cannot set up TLS for upstreams: " + e.getMessage(), e);
                }
            }, runnable -> {
                Thread thread = new Thread(runnable, "vcr-tls-init");
                thread.setDaemon(true);
                thread.start();
            });
        }
        return tls;
    }

    /** Sends {@code request} (whose reference this call takes) to {@code route}'s upstream. */
    public UpstreamCall send(EventLoop loop, Route route, FullHttpRequest request, UpstreamListener listener) {
        UpstreamCall call = new UpstreamCall();
        if (!route.isTls()) {
            dispatch(loop, route, request, listener, call, null);
            return call;
        }
        tls().whenComplete((sslContext, error) -> loop.execute(() -> {
            if (error != null) {
                request.release();
                listener.onFailure(call, error, false);
            } else {
                dispatch(loop, route, request, listener, call, sslContext);
            }
        }));
        return call;
    }

    /** On a kept-alive connection to the upstream when one is waiting, else on a new one. */
    private void dispatch(EventLoop loop, Route route, FullHttpRequest request, UpstreamListener listener,
                          UpstreamCall call, SslContext sslContext) {
        Channel kept = idle(loop).take(upstreamOf(route));
        if (kept == null) {
            connect(loop, route, request, listener, call, sslContext);
            return;
        }
        SpareRequest spare = new SpareRequest(request, again -> connect(loop, route, again, listener, call, sslContext));
        ChannelPipeline p = kept.pipeline();
        p.addFirst(TIMEOUT, newReadTimeoutHandler());
        p.addLast(RESPONSE, new UpstreamResponseHandler(call, listener, spare, keeper(loop, route)));
        call.attach(kept);
        write(kept, request.retainedDuplicate());
    }

    private void connect(EventLoop loop, Route route, FullHttpRequest request, UpstreamListener listener,
                         UpstreamCall call, SslContext sslContext) {
        ProxySelection.Choice via = egress.forUpstream(route.upstream()).orElse(null);
        if (via != null && !via.usable()) {
            request.release();
            // later, as a failed connect would be: the caller has not seen its call yet
            loop.execute(() -> {
                if (!call.isAborted()) {
                    listener.onFailure(call, new IOException(via.problem()), false);
                }
            });
            return;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(TIMEOUT, newReadTimeoutHandler());
                        if (via != null) {
                            EgressTunnel.addTo(p, via, CONNECT_TIMEOUT_MS);
                        } else if (sslContext != null) {
                            p.addLast("tls", tlsHandler(sslContext, ch, route));
                        }
                        p.addLast("codec", new HttpClientCodec());
                        // no cap per decoded buffer: the decoded body as a whole is held to --max-body-mib
                        p.addLast("decompress", new HttpContentDecompressor(0));
                        p.addLast(RESPONSE, new UpstreamResponseHandler(call, listener, null, keeper(loop, route)));
                    }
                });
        if (via != null) {
            // the upstream's name goes unresolved into CONNECT: only the egress proxy needs to know it
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        // --resolve applies to direct connections; an egress proxy is asked for the host by name
        bootstrap.connect(via == null ? resolve.addressOf(route.host(), route.port())
                        : InetSocketAddress.createUnresolved(route.host(), route.port()))
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        request.release();
                        if (!call.isAborted()) {
                            Throwable cause = connected.cause();
                            listener.onFailure(call, via == null ? cause : EgressTunnel.unreachable(via, cause), false);
                        }
                        return;
                    }
                    Channel channel = connected.channel();
                    call.attach(channel);
                    if (via == null) {
                        write(channel, request);
                    } else {
                        writeThroughTunnel(channel, route, request, sslContext);
                    }
                });
    }

    /**
     * Once the proxy has opened the tunnel, TLS (if any) starts inside it and the request follows.
     * If it does not open, the failure reaches the response handler, which reports it.
     */
    private static void writeThroughTunnel(Channel channel, Route route, FullHttpRequest request, SslContext sslContext) {
        EgressTunnel.established(channel).addListener(tunnel -> {
            if (!tunnel.isSuccess()) {
                request.release();
                return;
            }
            if (sslContext != null) {
                channel.pipeline().addAfter(EgressTunnel.ERRORS, "tls", tlsHandler(sslContext, channel, route));
            }
            write(channel, request);
        });
    }

    private static void write(Channel channel, FullHttpRequest request) {
        channel.writeAndFlush(request).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                channel.read();
            } else {
                channel.pipeline().fireExceptionCaught(written.cause());
            }
        });
    }

    private ReadTimeoutHandler newReadTimeoutHandler() {
        return new ReadTimeoutHandler(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where a connection goes after a complete response: back to its loop's idle connections, without this call's handlers. */
    private Consumer<Channel> keeper(EventLoop loop, Route route) {
        return channel -> {
            channel.pipeline().remove(TIMEOUT);
            channel.pipeline().remove(RESPONSE);
            idle(loop).offer(upstreamOf(route), channel);
        };
    }

    private IdleConnections idle(EventLoop loop) {
        return idleByLoop.computeIfAbsent(loop, key -> new IdleConnections());
    }

    /** Connections are shared by requests to the same scheme, host and port, through the same egress proxy or none. */
    private String upstreamOf(Route route) {
        Optional<EgressProxy> proxy = egress.forRoute(route);
        return (route.isTls() ? "https://" : "http://") + route.host() + ":" + route.port()
                + proxy.map(p -> " via " + p.describe()).orElse("");
    }

    private static SslHandler tlsHandler(SslContext sslContext, Channel ch, Route route) {
        SslHandler handler = sslContext.newHandler(ch.alloc(), route.host(), route.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }
}
