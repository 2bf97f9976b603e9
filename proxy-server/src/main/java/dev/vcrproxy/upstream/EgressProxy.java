package dev.vcrproxy.upstream;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP proxy that upstream connections go through with {@code CONNECT}, as
 * {@code http://[user[:password]@]host[:port]}. Its password appears in nothing it prints:
 * {@link #toString()} and {@link #describe()} mask it, {@link #address()} leaves out the user too.
 */
public record EgressProxy(String host, int port, String user, String password) {

    /** Parses a proxy URL; a bare {@code host:port} is taken as {@code http://host:port}. */
    public static EgressProxy parse(String url) {
        String text = url.trim();
        if (!text.contains("://")) {
            text = "http://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(url, "is not a URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw invalid(url, "must be an http:// URL (the proxy is spoken to in plain HTTP; TLS to the"
                    + " upstream runs inside its CONNECT tunnel)");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "has no host (percent-encode '@', ':' and '/' in a user name or password)");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw invalid(url, "must not have a path or query");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : percentDecode(userInfo.substring(colon + 1));
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new EgressProxy(host, uri.getPort() > 0 ? uri.getPort() : 80, user, password);
    }

    public boolean hasCredentials() {
        return user != null;
    }

    /** {@code host:port}: what errors name, never the user or password. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** For the startup log: {@code http://user:***@host:port}. */
    public String describe() {
        return "http://" + (user == null ? "" : user + (password.isEmpty() ? "" : ":***") + "@") + address();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** {@code url} with the password (anything after the first ':' of the user info) replaced by ***. */
    static String masked(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        return colon < 0 || colon > at ? url : url.substring(0, colon) + ":***" + url.substring(at);
    }

    private static IllegalArgumentException invalid(String url, String problem) {
        return new IllegalArgumentException("upstream proxy '" + masked(url.trim()) + "' " + problem);
    }

    /** RFC 3986 percent-decoding: unlike form decoding, '+' stays '+'. */
    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length
                    && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
