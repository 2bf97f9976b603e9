package dev.vcrproxy.server;

import dev.vcrproxy.cassette.CassetteName;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Which cassette a request uses and the path left for routing. First that applies: the
 * {@code X-Vcr-Cassette} header; a {@code /__cassette/NAME/...} path prefix (NAME is one path
 * segment, {@code %2F} for a nested name); the active cassette. {@code pathPrefix} is the
 * {@code /__cassette/NAME} part as the client sent it (empty when it sent none), for redirects.
 */
record CassetteSelection(CassetteName cassette, String path, String pathPrefix) {
    static final String HEADER = "x-vcr-cassette";
    static final String PATH_PREFIX = "/__cassette/";

    /** @throws dev.vcrproxy.cassette.InvalidCassetteNameException when the named cassette is invalid */
    static CassetteSelection of(String headerValue, String rawPath, CassetteName active) {
        String path = rawPath;
        String pathPrefix = "";
        CassetteName fromPath = null;
        if (rawPath.startsWith(PATH_PREFIX)) {
            int end = rawPath.indexOf('/', PATH_PREFIX.length());
            String segment = end < 0 ? rawPath.substring(PATH_PREFIX.length()) : rawPath.substring(PATH_PREFIX.length(), end);
            fromPath = CassetteName.of(decode(segment));
            path = end < 0 ? "/" : rawPath.substring(end);
            pathPrefix = end < 0 ? rawPath : rawPath.substring(0, end);
        }
        if (headerValue != null) {
            return new CassetteSelection(CassetteName.of(headerValue.trim()), path, pathPrefix);
        }
        return new CassetteSelection(fromPath != null ? fromPath : active, path, pathPrefix);
    }

    /**
     * In forward-proxy mode the path is the real API's, never a cassette prefix. First that applies:
     * the {@code X-Vcr-Cassette} header, the proxy URL's user name, the active cassette.
     */
    static CassetteSelection forward(String headerValue, String proxyUser, String rawPath, CassetteName active) {
        if (headerValue != null) {
            return new CassetteSelection(CassetteName.of(headerValue.trim()), rawPath, "");
        }
        return new CassetteSelection(proxyUser != null ? CassetteName.of(proxyUser) : active, rawPath, "");
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
