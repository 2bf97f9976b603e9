package dev.vcrproxy.server;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.InvalidCassetteNameException;
import dev.vcrproxy.forward.Origin;
import dev.vcrproxy.forward.ProxyUser;
import dev.vcrproxy.forward.TlsTermination;
import dev.vcrproxy.upstream.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * What a request is before it becomes an exchange: reverse-proxied by its path, or (forward-proxy
 * mode) bound for an intercepted origin — through a {@code CONNECT} tunnel this connection
 * opened, or as an absolute-form {@code http://host/...} target. Answers here what is not
 * forwarded: {@code CONNECT} itself, targets outside {@code --intercept} (403, never an open
 * proxy) and {@code OPTIONS *}.
 */
final class Forwarding {
    private static final Logger log = LoggerFactory.getLogger(Forwarding.class);
    private static final AttributeKey<Target> TUNNEL = AttributeKey.valueOf("vcr.tunnel");
    private static final java.util.Set<String> REFUSED_HOSTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Reverse-proxied (origin null), or for an intercepted origin, with the proxy URL's user name if any. */
    record Target(Origin origin, String proxyUser, Route route) {
        static final Target REVERSE = new Target(null, null, null);

        static Target forward(Origin origin, String proxyUser) {
            return new Target(origin, proxyUser, Route.origin(origin.uri()));
        }

        boolean isForward() {
            return origin != null;
        }
    }

    private Forwarding() {
    }

    /**
     * Where {@code request} goes, with its target reduced to path and query; null when it has been answered here.
     */
    static Target target(ProxyServices services, ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        Target tunnel = ctx.channel().attr(TUNNEL).get();
        if (tunnel != null) {
            return originForm(ctx, request, keepAlive) ? tunnel : null;
        }
        if (request.method().equals(HttpMethod.CONNECT)) {
            connect(services, ctx, request);
            return null;
        }
        String uri = request.uri();
        if (uri.equals("*")) {
            ProxyResponses.send(ctx, ProxyResponses.error(405, "vcr_method_not_allowed",
                    request.method() + " * asks about the proxy itself: it is answered here, never forwarded or recorded"), keepAlive);
            return null;
        }
        if (uri.startsWith("/")) {
            return Target.REVERSE;
        }
        URI absolute = absolute(ctx, request, keepAlive);
        if (absolute == null) {
            return null;
        }
        Origin origin = Origin.ofUrl(absolute);
        if (origin != null && isThisProxy(ctx, origin)) {
            return Target.REVERSE;
        }
        if (origin != null && services.config().intercept().matches(origin.host())) {
            String user = ProxyUser.of(request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
            return validCassette(ctx, user, keepAlive) ? Target.forward(origin, user) : null;
        }
        refuse(ctx, origin == null ? absolute.toString() : origin.host(), keepAlive);
        return null;
    }

    /** {@code CONNECT host:port}: a TLS tunnel to an intercepted host, or 403. */
    private static void connect(ProxyServices services, ChannelHandlerContext ctx, FullHttpRequest request) {
        Origin origin;
        try {
            origin = Origin.ofConnect(request.uri());
        } catch (IllegalArgumentException e) {
            ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_bad_request", e.getMessage()), false);
            return;
        }
        if (services.leaves() == null || !services.config().intercept().matches(origin.host())) {
            refuse(ctx, origin.host(), false);
            return;
        }
        String user = ProxyUser.of(request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
        if (!validCassette(ctx, user, false)) {
            return;
        }
        ctx.channel().attr(TUNNEL).set(Target.forward(origin, user));
        var established = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, new HttpResponseStatus(200, "Connection established"));
        ctx.writeAndFlush(established).addListener(ProxyResponses.continuation(ctx, true));
        // the 200 has passed the codec: from here on the client speaks TLS
        TlsTermination.install(ctx.channel(), services.leaves(), services.config().intercept(), origin.host(), services.worker());
        log.debug("CONNECT {} intercepted (cassette from proxy user: {})", origin, user);
    }

    /** Inside a tunnel an absolute-form target names the tunnel's origin anyway: keep its path and query. */
    private static boolean originForm(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        return request.uri().startsWith("/") || absolute(ctx, request, keepAlive) != null;
    }

    /** Parses an absolute-form target and leaves only its path and query in the request; null when answered 400. */
    private static URI absolute(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        try {
            URI uri = new URI(request.uri());
            if (uri.isAbsolute() && uri.getRawAuthority() != null) {
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                request.setUri(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
                return uri;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_bad_request",
                "request target must be a path (/...) or an absolute http:// URL"), false);
        return null;
    }

    private static boolean validCassette(ChannelHandlerContext ctx, String user, boolean keepAlive) {
        if (user == null) {
            return true;
        }
        try {
            CassetteName.of(user);
            return true;
        } catch (InvalidCassetteNameException e) {
            ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_invalid_cassette",
                    "the proxy URL's user name names the cassette: " + e.getMessage()), keepAlive);
            return false;
        }
    }

    private static void refuse(ChannelHandlerContext ctx, String host, boolean keepAlive) {
        // once per host at WARN: a suite calling some other host through the proxy would otherwise flood the log
        if (REFUSED_HOSTS.size() < 1_000 && REFUSED_HOSTS.add(host)) {
            log.warn("refused proxy requests for {}: not in --intercept (add it there, or to the client's NO_PROXY)", host);
        } else {
            log.debug("refused a proxy request for {}: not in --intercept", host);
        }
        ProxyResponses.send(ctx, ProxyResponses.error(403, "vcr_not_intercepted", host + " is not intercepted:"
                + " this proxy forwards only the hosts named by --intercept (env VCR_INTERCEPT); start it with"
                + " --intercept " + host + " to record and replay it"), keepAlive);
    }

    /** An absolute-form target that names this proxy's own address is an ordinary reverse-proxied request. */
    private static boolean isThisProxy(ChannelHandlerContext ctx, Origin origin) {
        if (!(ctx.channel().localAddress() instanceof InetSocketAddress local) || origin.port() != local.getPort()
                || origin.isTls()) {
            return false;
        }
        if (origin.host().equals("localhost")) {
            return true;
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(origin.host());
        if (literal == null) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByAddress(literal);
            return address.isLoopbackAddress() || address.equals(local.getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
