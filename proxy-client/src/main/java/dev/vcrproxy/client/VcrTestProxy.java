package dev.vcrproxy.client;

import java.net.URI;

/**
 * What a test gets from {@link VcrProxyExtension}: the proxy, the test's cassette, and URLs that
 * route through that cassette — safe with parallel tests, since nothing global is switched.
 */
public record VcrTestProxy(VcrProxyClient client, String cassette) {

    /** The proxy URL for this test's cassette, e.g. {@code http://127.0.0.1:8080/__cassette/MyTest%2Fparses}. */
    public URI baseUri() {
        return client.cassetteUri(cassette, "");
    }

    /** {@link #baseUri()} with {@code path} appended, e.g. {@code uri("/generate")}. */
    public URI uri(String path) {
        return client.cassetteUri(cassette, path);
    }

    /** For clients that can set headers instead: {@code X-Vcr-Cassette}. */
    public static final String CASSETTE_HEADER = "X-Vcr-Cassette";
}
