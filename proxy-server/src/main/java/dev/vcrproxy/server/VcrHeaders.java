package dev.vcrproxy.server;

/** The headers the proxy adds to every proxied response. */
public final class VcrHeaders {
    public static final String RESULT = "X-Vcr-Result";
    public static final String KEY = "X-Vcr-Key";
    public static final String CASSETTE = "X-Vcr-Cassette";

    private VcrHeaders() {
    }
}
