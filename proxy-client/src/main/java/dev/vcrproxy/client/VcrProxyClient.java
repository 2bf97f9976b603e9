package dev.vcrproxy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A running vcr-proxy: its admin API ({@code /__vcr/...}) and the URLs that select a cassette.
 * Thread-safe; one instance can serve a whole test run.
 *
 * <pre>{@code
 * VcrProxyClient vcr = VcrProxyClient.connect(URI.create("http://127.0.0.1:8080"));
 * vcr.setMode(VcrMode.RECORD_MISSING);
 * URI endpoint = vcr.cassetteUri("test_parser", "/generate");  // http://127.0.0.1:8080/__cassette/test_parser/generate
 * }</pre>
 */
public final class VcrProxyClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@code GET /__vcr/health} says. */
    public record Health(String status, VcrMode mode, String version) {
    }

    private final URI base;
    private final String token;
    private final HttpClient http;

    private VcrProxyClient(URI base, String token) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client for the proxy at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    public static VcrProxyClient connect(URI base) {
        return new VcrProxyClient(base, null);
    }

    /** The same client, sending {@code Authorization: Bearer token} on admin writes. */
    public VcrProxyClient withToken(String adminToken) {
        return new VcrProxyClient(base, adminToken);
    }

    public URI baseUri() {
        return base;
    }

    /**
     * {@link #health()}, asked again every 100 ms while nothing listens at the address yet (a proxy
     * still starting), for up to {@code limit}; any other failure is thrown at once.
     */
    public Health awaitHealth(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return health();
            } catch (VcrProxyException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new VcrProxyException(e.getMessage() + "; waited " + limit.toMillis() + " ms", 0, null, e.getCause());
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VcrProxyException("interrupted while waiting for vcr-proxy at " + base, 0, null, e);
            }
        }
    }

    public Health health() {
        JsonNode node = get("/health");
        return new Health(node.path("status").asText(), VcrMode.fromWireName(node.path("mode").asText()),
                node.path("version").asText());
    }

    public VcrMode mode() {
        return VcrMode.fromWireName(get("/mode").path("mode").asText());
    }

    /** Sets the mode for the next requests; returns it. */
    public VcrMode setMode(VcrMode mode) {
        return VcrMode.fromWireName(put("/mode", JSON.createObjectNode().put("mode", mode.wireName())).path("mode").asText());
    }

    /** The active cassette: used by requests that name none. */
    public String cassette() {
        return get("/cassette").path("name").asText();
    }

    /** Makes {@code name} the active cassette and restarts its replay sequences. */
    public void useCassette(String name) {
        put("/cassette", JSON.createObjectNode().put("name", name));
    }

    public VcrStats stats() {
        return VcrStats.of(get("/stats"));
    }

    /** The run's report: per cassette, used and unused keys and every miss. */
    public JsonNode report() {
        return get("/report");
    }

    /**
     * The URL that sends {@code path} to the upstream through cassette {@code name}, for clients
     * that can only change a base URL: {@code cassetteUri("suite/t1", "/generate")} is
     * {@code http://HOST:PORT/__cassette/suite%2Ft1/generate}.
     */
    public URI cassetteUri(String name, String path) {
        return cassetteUri(base, name, path);
    }

    static URI cassetteUri(URI base, String name, String path) {
        String segment = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        String rest = path == null || path.isEmpty() ? "" : path.startsWith("/") ? path : "/" + path;
        return URI.create(base + "/__cassette/" + segment + rest);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + "/__vcr" + path)).GET());
    }

    private JsonNode put(String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/__vcr" + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new VcrProxyException("cannot reach vcr-proxy at " + base + ": " + e, 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VcrProxyException("interrupted while calling vcr-proxy at " + base, 0, null, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new VcrProxyException(base + " answered " + response.statusCode() + " without JSON: is it a vcr-proxy?",
                    response.statusCode(), null, e);
        }
        if (response.statusCode() != 200) {
            throw new VcrProxyException("vcr-proxy at " + base + " answered " + response.statusCode() + ": "
                    + body.at("/error/message").asText(response.body()), response.statusCode(),
                    body.at("/error/type").asText(null), null);
        }
        return body;
    }
}
