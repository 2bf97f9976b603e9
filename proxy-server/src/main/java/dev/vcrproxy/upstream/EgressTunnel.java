package dev.vcrproxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;

/**
 * The {@code CONNECT} tunnel through an egress proxy, at the front of an upstream connection's
 * pipeline. The channel connects to an unresolved upstream address: the proxy handler sends that
 * host name in {@code CONNECT host:port} and connects the socket to the proxy, so only the egress
 * proxy resolves the upstream's name. What goes wrong on the way is told in the proxy's terms,
 * naming its host and port, never its user or password.
 */
final class EgressTunnel {
    static final String HANDLER = "egress-proxy";
    static final String ERRORS = "egress-errors";

    private EgressTunnel() {
    }

    static void addTo(ChannelPipeline pipeline, ProxySelection.Choice choice, long connectTimeoutMs) {
        EgressProxy proxy = choice.proxy();
        InetSocketAddress address = new InetSocketAddress(proxy.host(), proxy.port());
        ProxyHandler handler = proxy.hasCredentials()
                ? new HttpProxyHandler(address, proxy.user(), proxy.password())
                : new HttpProxyHandler(address);
        handler.setConnectTimeoutMillis(connectTimeoutMs);
        pipeline.addLast(HANDLER, handler);
        pipeline.addLast(ERRORS, new Errors(choice));
    }

    /** Succeeds when the proxy has answered 200 to {@code CONNECT}: bytes written from then on reach the upstream. */
    static Future<Channel> established(Channel channel) {
        return ((ProxyHandler) channel.pipeline().get(HANDLER)).connectFuture();
    }

    /** The socket to the proxy could not be opened. */
    static IOException unreachable(ProxySelection.Choice choice, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // epoll's text ("finishConnect(..) failed with error(-111): Connection refused: /…") says less than this
        String why = cause instanceof UnresolvedAddressException ? "unknown host"
                : cause instanceof ConnectException && message.contains("Connection refused") ? "connection refused"
                : message;
        return new IOException("cannot connect to the egress proxy " + choice.proxy().address()
                + " (" + choice.source() + "): " + why, cause);
    }

    /** The proxy did not open the tunnel: its answer, or what happened instead. */
    static IOException refused(ProxySelection.Choice choice, ProxyConnectException cause) {
        EgressProxy proxy = choice.proxy();
        String name = "egress proxy " + proxy.address() + " (" + choice.source() + ")";
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        String what;
        int status = message.lastIndexOf(", status: ");
        if (status >= 0) {
            String answer = message.substring(status + ", status: ".length());
            what = name + " answered " + answer + " to CONNECT";
            if (answer.startsWith("407")) {
                what += proxy.hasCredentials()
                        ? "; check the user and password in its URL"
                        : "; it wants credentials: http://USER:PASSWORD@" + proxy.address();
            }
        } else if (message.endsWith(", timeout")) {
            what = name + " did not answer CONNECT in time";
        } else if (message.endsWith(", disconnected")) {
            what = name + " closed the connection before answering CONNECT";
        } else {
            Throwable root = cause.getCause() == null ? cause : cause.getCause();
            what = name + " failed during CONNECT: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        }
        // not chained: the handler's own text would repeat all this less clearly
        return new IOException(what);
    }

    /** Turns the proxy handler's failure into {@link #refused}; a read timeout stays a timeout. */
    private static final class Errors extends ChannelInboundHandlerAdapter {
        private final ProxySelection.Choice choice;

        Errors(ProxySelection.Choice choice) {
            this.choice = choice;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof ProxyConnectException failure) {
                ctx.fireExceptionCaught(failure.getCause() instanceof ReadTimeoutException timeout
                        ? timeout : refused(choice, failure));
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
