package dev.vcrproxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps idle and half-sent connections from holding file descriptors: a request whose headers are
 * not complete {@code headerTimeout} after its first byte gets {@code 408}; a connection with no
 * request being received or answered is closed once an {@link io.netty.handler.timeout.IdleStateHandler}
 * reports it idle. A slow upstream (a 10-minute model call) never counts as idle: a request is
 * being answered. {@link #firstBytes()} goes before the HTTP codec, this handler after it.
 */
final class ClientTimeouts extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientTimeouts.class);

    private enum Receiving { NOTHING, HEADERS, BODY }

    private final Duration headerTimeout;
    private Receiving receiving = Receiving.NOTHING;
    private ScheduledFuture<?> headerDeadline;
    private ChannelHandlerContext ctx;
    private long requests;
    private long responses;

    ClientTimeouts(Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    /** Sees raw bytes: the first byte of a request starts its header deadline. */
    ChannelInboundHandlerAdapter firstBytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable() && receiving == Receiving.NOTHING) {
                    receiving = Receiving.HEADERS;
                    headerDeadline = ctx.executor().schedule(ClientTimeouts.this::headersTooSlow, headerTimeout.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Answers through this handler's place after the codec, so the 408 is encoded. */
    private void headersTooSlow() {
        if (receiving != Receiving.HEADERS || !ctx.channel().isActive()) {
            return;
        }
        log.debug("client {} did not complete its request headers within {} s; 408", ctx.channel().remoteAddress(),
                headerTimeout.toSeconds());
        ProxyResponses.send(ctx, ProxyResponses.error(408, "vcr_request_timeout",
                "request headers not complete within " + headerTimeout.toSeconds() + " s"), false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            requests++;
            receiving = Receiving.BODY;
            if (headerDeadline != null) {
                headerDeadline.cancel(false);
            }
        }
        if (msg instanceof LastHttpContent) {
            receiving = Receiving.NOTHING;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            responses++;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && receiving == Receiving.NOTHING && requests == responses) {
            log.debug("closing idle client connection {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (headerDeadline != null) {
            headerDeadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
