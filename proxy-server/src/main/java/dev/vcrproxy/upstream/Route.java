package dev.vcrproxy.upstream;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A path prefix and the upstream base URL its requests go to; the prefix is stripped and the
 * rest of the path appended to the base URL's path. A route without an upstream can only replay.
 */
public record Route(String prefix, URI upstream) {

    public Route {
        prefix = normalizePrefix(prefix);
        if (upstream != null) {
            upstream = validate(upstream);
        }
    }

    /**
     * The route of a request intercepted in forward-proxy mode: its prefix is the origin itself
     * ({@code https://api.openai.com}), so the cassette keeps where the request went.
     */
    public static Route origin(URI origin) {
        return new Route(origin.toString(), origin);
    }

    /** Parses {@code PREFIX=URL}, the form of {@code --route}. */
    public static Route parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("route '" + spec + "' must look like /prefix=https://host[/path]");
        }
        return new Route(spec.substring(0, eq), URI.create(spec.substring(eq + 1).trim()));
    }

    /** A forward-proxy route, whose prefix is its origin: its requests already reach it through the proxy. */
    public boolean isOrigin() {
        return !prefix.startsWith("/");
    }

    public boolean hasUpstream() {
        return upstream != null;
    }

    public boolean isTls() {
        return upstream != null && "https".equals(upstream.getScheme());
    }

    /** Whether the upstream is {@code port} on this machine (a loopback or wildcard address): the proxy itself when it listens there. */
    public boolean isLocal(int port) {
        if (upstream == null || port() != port) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host());
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public String host() {
        return upstream.getHost();
    }

    public int port() {
        int port = upstream.getPort();
        return port > 0 ? port : isTls() ? 443 : 80;
    }

    /** The Host header for the upstream: host, plus the port when it is not the scheme's default. */
    public String hostHeader() {
        int explicit = upstream.getPort();
        boolean defaultPort = explicit < 0 || explicit == (isTls() ? 443 : 80);
        return defaultPort ? host() : host() + ":" + explicit;
    }

    /** The upstream request target for {@code remainder} (the path after the prefix) and a raw query. */
    public String target(String remainder, String rawQuery) {
        String base = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = remainder.equals("/") && !base.isEmpty() ? base : base + remainder;
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    static String normalizePrefix(String prefix) {
        String p = prefix.trim();
        if (p.startsWith("http://") || p.startsWith("https://")) {
            return p; // an origin, from forward-proxy mode
        }
        if (!p.startsWith("/")) {
            throw new IllegalArgumentException("route prefix '" + prefix + "' must start with '/'");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static URI validate(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("upstream '" + uri + "' must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("upstream '" + uri + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("upstream '" + uri + "' must not have a query or fragment");
        }
        return uri;
    }

    @Override
    public String toString() {
        return prefix + "=" + (upstream == null ? "(replay only)" : upstream);
    }
}
