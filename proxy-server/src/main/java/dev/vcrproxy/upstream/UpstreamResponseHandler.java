package dev.vcrproxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Hands the pieces of one upstream response to its listener, and reports failures exactly once.
 * After a complete response the connection goes to {@code keep} when both sides allow keep-alive,
 * else it is closed. On a reused connection, a failure before any response byte (other than a
 * timeout) sends the request again on a new connection instead of failing. Interim answers
 * (100 Continue, 103 Early Hints) are skipped; a protocol switch (101) is a failure.
 */
final class UpstreamResponseHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(UpstreamResponseHandler.class);

    private final UpstreamCall call;
    private final UpstreamListener listener;
    private final SpareRequest spare;
    private final Consumer<Channel> keep;
    private boolean keepAlive;
    private boolean finished;
    private boolean interim;

    /** {@code spare} is null on a new connection. */
    UpstreamResponseHandler(UpstreamCall call, UpstreamListener listener, SpareRequest spare, Consumer<Channel> keep) {
        this.call = call;
        this.listener = listener;
        this.spare = spare;
        this.keep = keep;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished || call.isAborted()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (interim && msg instanceof LastHttpContent) {
            interim = false; // the (empty) end of an interim answer
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse head) {
            discardSpare();
            if (head.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                fail(head.decoderResult().cause(), false);
                ctx.close();
                return;
            }
            if (head.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                ReferenceCountUtil.release(msg);
                fail(new IOException("protocol upgrade not supported (the upstream answered 101 Switching Protocols)"), false);
                ctx.close();
                return;
            }
            if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                interim = !(msg instanceof LastHttpContent); // 100 Continue, 103 Early Hints: the real answer follows
                ReferenceCountUtil.release(msg);
                return;
            }
            keepAlive = HttpUtil.isKeepAlive(head);
            listener.onHead(call, head);
        }
        if (msg instanceof LastHttpContent last) {
            finished = true;
            listener.onEnd(call, last);
            Channel channel = ctx.channel();
            if (keepAlive && call.detach(channel)) {
                keep.accept(channel);
            } else {
                ctx.close();
            }
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
        if (finished) {
            return;
        }
        finished = true;
        if (spare != null && !timedOut && !call.isAborted() && spare.resend()) {
            log.debug("a kept-alive upstream connection failed before answering ({}); sent again on a new one",
                    cause.toString());
            return;
        }
        discardSpare();
        if (!call.isAborted()) {
            listener.onFailure(call, cause, timedOut);
        }
    }

    private void discardSpare() {
        if (spare != null) {
            spare.discard();
        }
    }
}
