package dev.vcrproxy.server;

/** The headers the proxy adds to every proxied response. */
public final class VcrHeaders {
    public static final String RESULT = "X-Vcr-Result";
    public static final String KEY = "X-Vcr-Key";
    public static final String CASSETTE = "X-Vcr-Cassette";
    /** On a faulted hit: the rules that shaped it. */
    public static final String FAULT = "X-Vcr-Fault";
    /** The same header on a request, as the request's header list spells it. */
    static final String FAULT_REQUEST = "x-vcr-fault";

    private VcrHeaders() {
    }
}
