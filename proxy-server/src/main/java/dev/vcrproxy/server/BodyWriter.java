package dev.vcrproxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;

/**
 * Sends a complete response so that a slow reader cannot pin a copy of a large body. The socket
 * transport copies every heap buffer it is given into a direct buffer and keeps that copy until the
 * client has read it: one write of a 50 MB body costs 50 MB per slow client. So a body up to
 * {@link #SLICE} bytes goes in one write (the common case, as fast as before), and a larger one as
 * its head and then slices of the same shared bytes, each written once the previous one has gone
 * to the socket: a connection holds one slice beyond the kernel's buffer, however slow its reader.
 */
final class BodyWriter {
    static final int SLICE = 64 * 1024;

    private final ChannelHandlerContext ctx;
    private final ByteBuf body;
    private final ChannelPromise done;

    private BodyWriter(ChannelHandlerContext ctx, ByteBuf body, ChannelPromise done) {
        this.ctx = ctx;
        this.body = body;
        this.done = done;
    }

    /**
     * Writes and flushes {@code response} (headers complete, with its Content-Length) and takes over
     * its reference. The future completes when the last byte has been written, or on the first failure.
     */
    static ChannelFuture write(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (response.content().readableBytes() <= SLICE) {
            return ctx.writeAndFlush(response);
        }
        ChannelPromise done = ctx.newPromise();
        // The head shares the (possibly shared, read-only) headers; the encoder only reads them.
        ctx.write(new DefaultHttpResponse(response.protocolVersion(), response.status(), response.headers()));
        new BodyWriter(ctx, response.content(), done).next();
        return done;
    }

    private void next() {
        int size = Math.min(SLICE, body.readableBytes());
        boolean last = size == body.readableBytes();
        ByteBuf slice = body.readRetainedSlice(size);
        HttpContent content = last ? new DefaultLastHttpContent(slice) : new DefaultHttpContent(slice);
        ctx.writeAndFlush(content).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                body.release();
                done.tryFailure(written.cause());
            } else if (last) {
                body.release();
                done.trySuccess();
            } else {
                next();
            }
        });
    }
}
