package dev.vcrproxy.client;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;

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

    /**
     * Forward-proxy mode, for code whose URLs are hard-coded (a proxy run with {@code --intercept HOST}):
     * makes this test's cassette the active one and returns an {@link HttpClient} builder that goes
     * through the proxy and trusts its CA ({@link VcrCa#defaultDir()}). Tests using it share the
     * active cassette, so they should not run concurrently.
     */
    public HttpClient.Builder forwardHttpClient() {
        client.useCassette(cassette);
        URI base = client.baseUri();
        return HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(base.getHost(), base.getPort())))
                .sslContext(VcrCa.sslContext(VcrCa.defaultDir()));
    }

    /** For clients that can set headers instead: {@code X-Vcr-Cassette}. */
    public static final String CASSETTE_HEADER = "X-Vcr-Cassette";
}
