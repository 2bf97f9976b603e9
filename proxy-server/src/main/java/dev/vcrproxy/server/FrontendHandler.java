package dev.vcrproxy.server;

import dev.vcrproxy.admin.AdminRequest;
import dev.vcrproxy.admin.AdminResponse;
import dev.vcrproxy.admin.AdminRouter;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One per client connection. Answers one request at a time, in order: a request that arrives
 * (pipelined) while another is being answered waits, and reading pauses, until the previous
 * response's last byte is written. Each request goes to the admin API or a {@link ProxyExchange}.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private final ProxyServices services;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    FrontendHandler(ProxyServices services) {
        this.services = services;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (busy) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        answer(ctx, request);
    }

    /** The last byte of the current response is written: answer the next request, or read on. */
    void responseDone(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            answer(ctx, next);
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        try {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (request.decoderResult().isFailure()) {
                ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_bad_request",
                        "malformed HTTP request: " + request.decoderResult().cause().getMessage()), false);
                return;
            }
            Forwarding.Target target = Forwarding.target(services, ctx, request, keepAlive);
            if (target == null) {
                return; // answered: CONNECT, a host not intercepted, OPTIONS *
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            if (!target.isForward() && AdminRouter.isAdminPath(uri.rawPath())) {
                answerAdmin(ctx, request, uri.rawPath().substring(AdminRouter.PREFIX.length()), keepAlive);
            } else {
                new ProxyExchange(services, ctx, request, keepAlive, target).run();
            }
        } finally {
            request.release();
        }
    }

    /** Admin tasks may read cassette files, so they run off the event loop. */
    private void answerAdmin(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
        AdminRequest call = new AdminRequest(request.method().name(), path, ByteBufUtil.getBytes(request.content()),
                request.headers().get(HttpHeaderNames.AUTHORIZATION));
        CompletableFuture.supplyAsync(() -> services.admin().handle(call), services.adminExecutor())
                .exceptionally(e -> AdminResponse.error(500, "vcr_internal_error", String.valueOf(e.getCause())))
                .thenAccept(answer -> ctx.executor().execute(() -> ProxyResponses.send(ctx,
                        ProxyResponses.bytes(answer.status(), answer.contentType(), answer.body()), keepAlive)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException
                || cause.getCause() instanceof IOException) {
            log.debug("client connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause.getCause() instanceof SSLException tls) {
            log.warn("TLS with client {} failed: {} (does it trust the CA? see 'vcr-proxy ca env')",
                    ctx.channel().remoteAddress(), tls.getMessage());
        } else {
            log.warn("client connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
