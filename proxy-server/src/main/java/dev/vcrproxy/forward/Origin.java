package dev.vcrproxy.forward;

import java.net.URI;
import java.util.Locale;

/**
 * Where an intercepted request goes: scheme, host and port. Written as a URL origin with the
 * port only when it is not the scheme's default ({@code https://api.openai.com}), which is also
 * the route prefix such requests are keyed and stored under.
 */
public record Origin(String scheme, String host, int port) {

    public Origin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
    }

    /**
     * The target of {@code CONNECT host:port}, always TLS inside.
     * @throws IllegalArgumentException when it is not {@code host:port}
     */
    public static Origin ofConnect(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || authority.endsWith("]")) {
            throw new IllegalArgumentException("CONNECT target '" + authority + "' must be host:port");
        }
        try {
            return new Origin("https", authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONNECT target '" + authority + "' must be host:port");
        }
    }

    /** The origin of an absolute URL; null when it has no host or is not http(s). */
    public static Origin ofUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return null;
        }
        return new Origin(scheme, url.getHost(), url.getPort() > 0 ? url.getPort() : defaultPort(scheme));
    }

    public boolean isTls() {
        return scheme.equals("https");
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** The host as a URL writes it (IPv6 literals in brackets). */
    public String urlHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public URI uri() {
        return URI.create(toString());
    }

    @Override
    public String toString() {
        return scheme + "://" + urlHost() + (port == defaultPort(scheme) ? "" : ":" + port);
    }
}
