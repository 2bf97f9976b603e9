package dev.vcrproxy.cassette;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps redirects inside the proxy. Modal answers a long call with {@code 303} and a
 * {@code Location} back to the upstream URL it was called on; a client that follows it directly
 * leaves the proxy. A {@code Location} (or {@code Content-Location}) that points into a route's
 * upstream becomes the same place through the proxy: the proxy's base (the client's own
 * {@code http://host:port}, plus {@code /__cassette/NAME} when the request came that way), the
 * route prefix, the rest of the path and the query.
 */
public final class Redirects {
    /** A route as the rewrite sees it: its prefix on the proxy and the upstream base URL it stands for. */
    public record Base(String prefix, URI upstream) {
    }

    private Redirects() {
    }

    /**
     * The rewritten header, or empty when {@code location} does not point into any of {@code bases}
     * (the longest matching upstream path wins). A path-absolute location is taken relative to
     * {@code answeredBy}, the upstream that sent it (null when unknown).
     */
    public static Optional<String> rewrite(String location, URI answeredBy, List<Base> bases, String proxyBase) {
        URI target = absolute(location, answeredBy);
        if (target == null) {
            return Optional.empty();
        }
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        Base best = null;
        int bestLength = -1;
        for (Base base : bases) {
            String basePath = basePath(base.upstream());
            if (sameOrigin(target, base.upstream()) && under(path, basePath) && basePath.length() > bestLength) {
                best = base;
                bestLength = basePath.length();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = path.substring(bestLength);
        String prefix = best.prefix().equals("/") ? "" : best.prefix();
        String proxyPath = rest.isEmpty() || rest.equals("/") ? (prefix.isEmpty() ? "/" : prefix) : prefix + rest;
        StringBuilder out = new StringBuilder(proxyBase).append(proxyPath);
        if (target.getRawQuery() != null) {
            out.append('?').append(target.getRawQuery());
        }
        if (target.getRawFragment() != null) {
            out.append('#').append(target.getRawFragment());
        }
        return Optional.of(out.toString());
    }

    /** The origin an absolute location leads to ({@code https://host[:port]}), or empty when it stays relative. */
    public static Optional<String> elsewhere(String location) {
        try {
            URI uri = new URI(location.trim());
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** An upstream URL as an interaction keeps it: without user info, query or fragment. */
    public static String storable(URI upstream) {
        try {
            return new URI(upstream.getScheme(), null, upstream.getHost(), upstream.getPort(), upstream.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static URI absolute(String location, URI answeredBy) {
        try {
            URI uri = new URI(location.trim());
            if (uri.getScheme() != null) {
                return uri.getHost() == null ? null : uri;
            }
            if (answeredBy == null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
                return null; // relative to the request: the client resolves it against the proxy already
            }
            return uri.getRawAuthority() != null
                    ? new URI(answeredBy.getScheme() + ":" + location.trim())
                    : new URI(answeredBy.getScheme() + "://" + answeredBy.getRawAuthority() + location.trim());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return b != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String basePath(URI upstream) {
        String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean under(String path, String basePath) {
        return basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/");
    }
}
