package dev.vcrproxy.faults;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a faulted response: the head after the {@code delay}, then each piece after the previous
 * write completed (a slow client is never flooded), then the last chunk; or, when the response is
 * cut, no last chunk at all, so the caller can close the connection the way a dropped one looks.
 */
public final class FaultWriter {
    private final ChannelHandlerContext ctx;
    private final List<Pieces.Piece> pieces;
    private final boolean endCleanly;
    private final ChannelFutureListener whenDone;

    /** {@code whenDone} gets the future of the last write: the last chunk, or the last piece of a cut response. */
    public FaultWriter(ChannelHandlerContext ctx, List<Pieces.Piece> pieces, boolean endCleanly, ChannelFutureListener whenDone) {
        this.ctx = ctx;
        this.pieces = pieces;
        this.endCleanly = endCleanly;
        this.whenDone = whenDone;
    }

    public void start(HttpResponse head, long delayMs) {
        if (delayMs > 0) {
            ctx.executor().schedule(() -> writeHead(head), delayMs, TimeUnit.MILLISECONDS);
        } else {
            writeHead(head);
        }
    }

    private void writeHead(HttpResponse head) {
        ChannelFuture written = ctx.writeAndFlush(head);
        if (pieces.isEmpty() && !endCleanly) {
            written.addListener(whenDone);
            return;
        }
        written.addListener(next(0));
    }

    private ChannelFutureListener next(int index) {
        return written -> {
            if (!written.isSuccess()) {
                whenDone.operationComplete(written);
            } else {
                sendAfterPause(index);
            }
        };
    }

    private void sendAfterPause(int index) {
        long pause = index < pieces.size() ? pieces.get(index).delayMs() : 0;
        if (pause > 0) {
            ctx.executor().schedule(() -> send(index), pause, TimeUnit.MILLISECONDS);
        } else {
            send(index);
        }
    }

    private void send(int index) {
        if (index == pieces.size()) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(whenDone);
            return;
        }
        ChannelFuture written = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(pieces.get(index).bytes())));
        written.addListener(index == pieces.size() - 1 && !endCleanly ? whenDone : next(index + 1));
    }
}
