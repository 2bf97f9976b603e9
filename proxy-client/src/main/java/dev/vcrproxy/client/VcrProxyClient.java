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
import java.util.ArrayList;
import java.util.List;

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
     * Sets the proxy's fault rules for the next hits (replacing earlier ones and restarting their
     * counts), e.g. {@code faults("status:429@times=2")}; {@code @rate} rules draw from seed 1.
     * Returns the rules in force. A bad rule fails with {@code vcr_invalid_fault}.
     */
    public List<String> faults(String... rules) {
        return faults(1, rules);
    }

    /** {@link #faults(String...)} with the seed that {@code @rate} rules draw from. */
    public List<String> faults(long seed, String... rules) {
        var body = JSON.createObjectNode();
        var array = body.putArray("rules");
        for (String rule : rules) {
            array.add(rule);
        }
        body.put("seed", seed);
        return ruleList(put("/faults", body));
    }

    /** The fault rules set through the admin API (not those of {@code --fault}). */
    public List<String> faultRules() {
        return ruleList(get("/faults"));
    }

    /** Removes the fault rules set through the admin API. */
    public void clearFaults() {
        send(authorized(HttpRequest.newBuilder(URI.create(base + "/__vcr/faults")).DELETE()));
    }

    private static List<String> ruleList(JsonNode answer) {
        List<String> rules = new ArrayList<>();
        answer.path("rules").forEach(r -> rules.add(r.asText()));
        return List.copyOf(rules);
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
        return send(authorized(HttpRequest.newBuilder(URI.create(base + "/__vcr" + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
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
