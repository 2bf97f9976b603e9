package dev.vcrproxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/** Hands the pieces of one upstream response to its listener, and reports failures exactly once. */
final class UpstreamResponseHandler extends ChannelInboundHandlerAdapter {
    private final UpstreamCall call;
    private final UpstreamListener listener;
    private boolean finished;

    UpstreamResponseHandler(UpstreamCall call, UpstreamListener listener) {
        this.call = call;
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished || call.isAborted()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse head) {
            if (head.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                fail(head.decoderResult().cause(), false);
                ctx.close();
                return;
            }
            listener.onHead(call, head);
        }
        if (msg instanceof LastHttpContent last) {
            finished = true;
            listener.onEnd(call, last);
            ctx.close();
        } else if (msg instanceof HttpContent content) {
            listener.onContent(call, content);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("upstream closed the connection before the response ended"), false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause, cause instanceof ReadTimeoutException);
        ctx.close();
    }

    private void fail(Throwable cause, boolean timedOut) {
        if (!finished) {
            finished = true;
            if (!call.isAborted()) {
                listener.onFailure(call, cause, timedOut);
            }
        }
    }
}
