package dev.vcrproxy.forward;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The user name of a proxy URL ({@code HTTPS_PROXY=http://suite%2Ftest_one@127.0.0.1:8080}), as
 * clients send it: {@code Proxy-Authorization: Basic base64(user:password)}. It names a cassette;
 * the password is ignored and nothing of the header is kept.
 */
public final class ProxyUser {
    private ProxyUser() {
    }

    /** The percent-decoded user name, or null when the header is absent, not Basic, or has no user. */
    public static String of(String proxyAuthorization) {
        if (proxyAuthorization == null) {
            return null;
        }
        String value = proxyAuthorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        if (user.isEmpty()) {
            return null;
        }
        try {
            // clients differ: curl and urllib decode the URL's user name, some send it as written
            return URLDecoder.decode(user.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return user;
        }
    }
}
