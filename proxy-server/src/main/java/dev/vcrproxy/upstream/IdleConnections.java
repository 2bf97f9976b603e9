package dev.vcrproxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kept-alive upstream connections of one event loop that are waiting for their next request,
 * most recently used first. Only that loop's thread touches it. A waiting connection is closed
 * when the upstream closes it or sends anything unasked, and after {@link #KEEP_IDLE_MS}: shorter
 * than the keep-alive timeout of common servers (5 s for Node, uvicorn and Apache), so the proxy
 * seldom sends on a connection the upstream is closing at that very moment.
 */
final class IdleConnections {
    static final long KEEP_IDLE_MS = 4_000;
    private static final int MAX_PER_UPSTREAM = 32;
    static final String HANDLER = "idle";

    private final Map<String, ArrayDeque<Channel>> waiting = new HashMap<>();

    /** A waiting connection to {@code upstream} that is still open, taken out of the pool; null if none. */
    Channel take(String upstream) {
        ArrayDeque<Channel> channels = waiting.get(upstream);
        Channel channel;
        while (channels != null && (channel = channels.pollFirst()) != null) {
            if (channel.pipeline().get(HANDLER) != null) {
                channel.pipeline().remove(HANDLER);
            }
            if (channel.isActive()) {
                channel.config().setAutoRead(false);
                return channel;
            }
            channel.close();
        }
        return null;
    }

    /** Keeps {@code channel}, whose last response has been read completely, for the next request to {@code upstream}. */
    void offer(String upstream, Channel channel) {
        ArrayDeque<Channel> channels = waiting.computeIfAbsent(upstream, key -> new ArrayDeque<>());
        if (!channel.isActive() || channels.size() >= MAX_PER_UPSTREAM) {
            channel.close();
            return;
        }
        channels.addFirst(channel);
        channel.pipeline().addLast(HANDLER, new Waiting(upstream));
        // read while waiting, so that the upstream closing the connection is seen at once
        channel.config().setAutoRead(true);
    }

    private void forget(String upstream, Channel channel) {
        ArrayDeque<Channel> channels = waiting.get(upstream);
        if (channels != null) {
            channels.remove(channel);
        }
    }

    /** The handler of a waiting connection: anything that happens to it ends it. */
    private final class Waiting extends ChannelInboundHandlerAdapter {
        private final String upstream;
        private ScheduledFuture<?> expiry;

        Waiting(String upstream) {
            this.upstream = upstream;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            expiry = ctx.executor().schedule(() -> end(ctx), KEEP_IDLE_MS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            expiry.cancel(false);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            end(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            forget(upstream, ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            end(ctx);
        }

        private void end(ChannelHandlerContext ctx) {
            forget(upstream, ctx.channel());
            ctx.close();
        }
    }
}
