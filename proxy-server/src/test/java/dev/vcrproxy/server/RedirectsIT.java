package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.upstream.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Modal's long-call chain (POST → 303 → GET → 303 → GET → 200) records through the proxy and replays offline elsewhere. */
class RedirectsIT {
    private static final HttpClient FOLLOWING = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final String PROMPT = "{\"prompt\": \"a long one\", \"max_tokens\": 64, \"temperature\": 0.0}";

    @TempDir
    Path fixtures;
    HttpServer modal;
    final List<String> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    final List<VcrProxyServer> proxies = new ArrayList<>();

    /** A stand-in Modal web endpoint whose calls all run "past 150 s": 303 to itself twice, then the result. */
    @BeforeEach
    void startModal() throws IOException {
        modal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        modal.setExecutor(Executors.newCachedThreadPool());
        modal.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            String self = "http://127.0.0.1:" + modal.getAddress().getPort() + "/";
            if (exchange.getRequestMethod().equals("POST") || polls.incrementAndGet() < 2) {
                exchange.getResponseHeaders().set("Location", self + "?__modal_function_call_id=fc-01JLONG");
                exchange.sendResponseHeaders(303, -1);
                exchange.close();
            } else {
                send(exchange, "{\"ir_json\": {\"intent\": \"extract\"}, \"tokens_used\": 812}");
            }
        });
        modal.start();
    }

    @AfterEach
    void stop() {
        proxies.forEach(VcrProxyServer::close);
        modal.stop(0);
    }

    private static void send(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private VcrProxyServer start(ProxyConfig.Builder builder) throws InterruptedException {
        VcrProxyServer proxy = VcrProxyServer.start(builder.port(0).fixtures(fixtures).build());
        proxies.add(proxy);
        return proxy;
    }

    private static HttpResponse<String> generate(String url) throws Exception {
        return FOLLOWING.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PROMPT)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theWholeChainRecordsIntoTheTestsCassetteAndReplaysOfflineOnAnotherPort() throws Exception {
        String modalUrl = "http://127.0.0.1:" + modal.getAddress().getPort();
        VcrProxyServer recorder = start(ProxyConfig.builder().mode(Mode.RECORD_MISSING)
                .route(Route.parse("/generate=" + modalUrl)).route(Route.parse("/health=http://127.0.0.1:9")));
        HttpResponse<String> live = generate(recorder.baseUrl() + "/__cassette/suite%2Flong_call/generate");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"intent\": \"extract\"");
        assertThat(live.uri().toString()).as("the client never left the proxy")
                .isEqualTo(recorder.baseUrl() + "/__cassette/suite%2Flong_call/generate?__modal_function_call_id=fc-01JLONG");
        assertThat(seen).containsExactly("POST /", "GET /?__modal_function_call_id=fc-01JLONG", "GET /?__modal_function_call_id=fc-01JLONG");
        recorder.close();

        JsonNode cassette = new ObjectMapper().readTree(fixtures.resolve("suite/long_call.json").toFile());
        assertThat(cassette.get("interactions")).hasSize(3);
        for (JsonNode interaction : cassette.get("interactions")) {
            assertThat(interaction.get("upstream").asText()).isEqualTo(modalUrl);
            JsonNode location = interaction.at("/response/headers/location");
            if (!location.isMissingNode()) {
                assertThat(location.asText()).as("stored as the upstream sent it").startsWith(modalUrl + "/?__modal_function_call_id=");
            }
        }
        modal.stop(0);

        VcrProxyServer offline = start(ProxyConfig.builder().mode(Mode.REPLAY)); // no routes, another port
        HttpResponse<String> replayed = generate(offline.baseUrl() + "/__cassette/suite%2Flong_call/generate");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(replayed.body())).isEqualTo(new ObjectMapper().readTree(live.body()));
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(replayed.uri().toString()).startsWith(offline.baseUrl() + "/__cassette/suite%2Flong_call/generate?");
    }

    @Test
    void aRedirectIsRewrittenInPassthroughAndALocationElsewhereIsLeftAlone() throws Exception {
        String modalUrl = "http://127.0.0.1:" + modal.getAddress().getPort();
        VcrProxyServer proxy = start(ProxyConfig.builder().mode(Mode.PASSTHROUGH).route(Route.parse("/generate=" + modalUrl)));
        HttpClient noFollow = HttpClient.newHttpClient();
        HttpResponse<String> first = noFollow.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/generate"))
                .POST(HttpRequest.BodyPublishers.ofString(PROMPT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).hasValue(proxy.baseUrl() + "/generate?__modal_function_call_id=fc-01JLONG");

        modal.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().set("Location", "https://results.example.org/fc-9");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        HttpResponse<String> other = noFollow.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/generate/elsewhere"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.headers().firstValue("Location")).hasValue("https://results.example.org/fc-9");
    }
}
