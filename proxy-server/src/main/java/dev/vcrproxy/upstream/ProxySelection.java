package dev.vcrproxy.upstream;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which upstreams go through which egress proxy: {@code --upstream-proxy} (or {@code VCR_UPSTREAM_PROXY})
 * for every upstream, else {@code https_proxy}/{@code HTTPS_PROXY} for https upstreams and
 * {@code http_proxy}/{@code HTTP_PROXY} for http ones (lower case first, as curl and Python read
 * them); {@code no_proxy}/{@code NO_PROXY} and loopback upstreams go direct. Built from values
 * passed in, never from the process environment itself, so it is a pure function of its inputs.
 * A bad {@code --upstream-proxy} stops the start; a bad variable (a {@code socks5://} one, say)
 * only fails the calls that would use it, so replay and loopback upstreams never trip on it.
 */
public record ProxySelection(Choice https, Choice http, NoProxy noProxy) {
    /** A proxy and where it was configured, e.g. {@code HTTPS_PROXY}; or, when that value is unusable, why. */
    public record Choice(EgressProxy proxy, String source, String problem) {
        public Choice(EgressProxy proxy, String source) {
            this(proxy, source, null);
        }

        public boolean usable() {
            return proxy != null;
        }
    }

    /** Every upstream direct. */
    public static final ProxySelection DIRECT = new ProxySelection(null, null, NoProxy.NONE);

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /**
     * From the {@code --upstream-proxy} value (null or blank when not given; its env default
     * {@code VCR_UPSTREAM_PROXY} is resolved by the caller) and the environment variables.
     */
    public static ProxySelection from(String upstreamProxy, Map<String, String> env) {
        NoProxy noProxy = NoProxy.parse(firstSet(env, "no_proxy", "NO_PROXY"));
        if (upstreamProxy != null && !upstreamProxy.isBlank()) {
            Choice choice = new Choice(EgressProxy.parse(upstreamProxy), "--upstream-proxy");
            return new ProxySelection(choice, choice, noProxy);
        }
        return new ProxySelection(choice(env, "https_proxy", "HTTPS_PROXY"), choice(env, "http_proxy", "HTTP_PROXY"), noProxy);
    }

    public boolean usesAProxy() {
        return https != null || http != null;
    }

    /** The proxy for an upstream URL, or empty when it goes direct. */
    public Optional<Choice> forUpstream(URI upstream) {
        boolean tls = "https".equalsIgnoreCase(upstream.getScheme());
        Choice choice = tls ? https : http;
        if (choice == null) {
            return Optional.empty();
        }
        String host = upstream.getHost();
        int port = upstream.getPort() > 0 ? upstream.getPort() : tls ? 443 : 80;
        if (isLoopback(host) || noProxy.bypasses(host, port)) {
            return Optional.empty();
        }
        return Optional.of(choice);
    }

    /** For the startup log: {@code through egress proxy http://user:***@host:port (from HTTPS_PROXY)}, or {@code direct (...)}. */
    public String explain(URI upstream) {
        boolean tls = "https".equalsIgnoreCase(upstream.getScheme());
        if ((tls ? https : http) == null) {
            return "direct (no " + (tls ? "HTTPS_PROXY" : "HTTP_PROXY") + ")";
        }
        if (isLoopback(upstream.getHost())) {
            return "direct (loopback)";
        }
        return forUpstream(upstream)
                .map(c -> c.usable() ? "through egress proxy " + c.proxy().describe() + " (from " + c.source() + ")"
                        : "cannot be reached: " + c.problem())
                .orElse("direct (NO_PROXY)");
    }

    public Optional<EgressProxy> forRoute(Route route) {
        return route.hasUpstream() ? forUpstream(route.upstream()).filter(Choice::usable).map(Choice::proxy) : Optional.empty();
    }

    /** 127.0.0.0/8, ::1 and localhost (also {@code *.localhost}), by name alone: nothing is resolved. */
    static boolean isLoopback(String host) {
        String h = NoProxy.normalizeHost(host);
        return h.equals("localhost") || h.endsWith(".localhost") || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private static Choice choice(Map<String, String> env, String lower, String upper) {
        String value = env.get(lower);
        String source = lower;
        if (value == null || value.isBlank()) {
            value = env.get(upper);
            source = upper;
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new Choice(EgressProxy.parse(value), source);
        } catch (IllegalArgumentException e) {
            return new Choice(null, source, source + ": " + e.getMessage());
        }
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
