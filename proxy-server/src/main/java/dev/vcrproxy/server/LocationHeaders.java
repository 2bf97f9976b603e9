package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.Redirects;
import dev.vcrproxy.upstream.Route;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Redirects stay inside the proxy: {@code Location} and {@code Content-Location} headers that point
 * into a configured upstream are rewritten, when a response is sent, to the same place through the
 * proxy. The cassette keeps the upstream's own header, so a replay on any port rewrites it afresh.
 */
final class LocationHeaders {
    private static final Logger log = LoggerFactory.getLogger(LocationHeaders.class);
    private static final List<AsciiString> NAMES = List.of(HttpHeaderNames.LOCATION, HttpHeaderNames.CONTENT_LOCATION);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    private LocationHeaders() {
    }

    /** True when recorded (lower-case) headers hold something to rewrite: the replay path asks once per recording. */
    static boolean present(Map<String, String> recordedHeaders) {
        return recordedHeaders.containsKey("location") || recordedHeaders.containsKey("content-location");
    }

    /** For an answer the exchange's upstream is sending now; while recording, warns of a Location that leaves the proxy. */
    static void rewriteLive(HttpHeaders headers, ExchangeContext exchange, boolean recording) {
        Route route = exchange.match().route();
        if (route.isOrigin()) {
            return; // forward-proxy mode: the client follows a Location through the proxy by itself
        }
        rewrite(headers, exchange, route.upstream(), null, recording);
    }

    /** For a replayed recording: its stored upstream counts even when no route is configured now. */
    static void rewriteReplay(HttpHeaders headers, ExchangeContext exchange, Interaction interaction) {
        if (exchange.match().route().isOrigin()) {
            return;
        }
        URI recorded = parse(interaction.upstream());
        URI answeredBy = recorded != null ? recorded : exchange.match().route().upstream();
        Redirects.Base own = recorded == null ? null : new Redirects.Base(interaction.request().route(), recorded);
        rewrite(headers, exchange, answeredBy, own, false);
    }

    private static void rewrite(HttpHeaders headers, ExchangeContext exchange, URI answeredBy, Redirects.Base own,
                                boolean warn) {
        for (AsciiString name : NAMES) {
            String value = headers.get(name);
            if (value == null) {
                continue;
            }
            var rewritten = Redirects.rewrite(value, answeredBy, bases(exchange, own), proxyBase(exchange));
            if (rewritten.isPresent()) {
                headers.set(name, rewritten.get());
            } else if (warn) {
                Redirects.elsewhere(value).ifPresent(origin -> log.warn(
                        "{} answered with {} {} on another host: a client that follows it leaves the proxy (unrecorded now,"
                                + " and a live call or a failure in replay); start the proxy with --route /PREFIX={} to keep it inside",
                        exchange.describe(), name, value, origin));
            }
        }
    }

    private static List<Redirects.Base> bases(ExchangeContext exchange, Redirects.Base own) {
        List<Redirects.Base> bases = new ArrayList<>();
        for (Route route : exchange.services().routes().routes()) {
            if (route.hasUpstream()) {
                bases.add(new Redirects.Base(route.prefix(), route.upstream()));
            }
        }
        if (own != null) {
            bases.add(own);
        }
        return bases;
    }

    /** {@code http://} + the Host the client addressed (else the address it reached) + its {@code /__cassette/NAME}. */
    private static String proxyBase(ExchangeContext exchange) {
        String host = exchange.incoming().header("host");
        if (host == null || !HOST.matcher(host).matches()) {
            InetSocketAddress local = (InetSocketAddress) exchange.ctx().channel().localAddress();
            String address = local.getAddress().getHostAddress();
            host = (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
        }
        return "http://" + host + exchange.cassettePathPrefix();
    }

    private static URI parse(String url) {
        try {
            return url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
