package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mode verify against a real stand-in upstream whose answers can change shape between recording
 * and verifying: hits are served from the cassette at once, the live answer is compared in the
 * background, drift shows in stats, report and metrics, and the cassette never changes.
 */
class VerifyModeIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PROMPT = "{\"prompt\":\"Extract the shipment: 3 crates to Oslo\",\"max_tokens\":256,\"temperature\":0.0}";
    private static final String RECORDED = "{\"ir_json\":{\"intent\":\"extract\",\"entities\":[\"crates\",\"Oslo\"]},\"tokens_used\":812}";

    @TempDir
    Path fixtures;
    private ChangingUpstream upstream;
    private final List<VcrProxyServer> proxies = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        upstream = new ChangingUpstream();
    }

    @AfterEach
    void stop() {
        proxies.forEach(VcrProxyServer::close);
        upstream.close();
    }

    @Test
    void aLiveAnswerOfAnotherShapeIsDriftWhileTheHitIsServedAtOnce() throws Exception {
        record(RECORDED, "application/json");
        byte[] cassette = Files.readAllBytes(fixtures.resolve("default.json"));
        upstream.answer("{\"ir_json\":{\"intent\":\"order\",\"entities\":[\"lamps\"]},\"tokens_used\":\"95\","
                + "\"usage\":{\"cached_tokens\":0}}", "application/json");
        CountDownLatch hold = upstream.hold();
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> { });

        HttpResponse<String> hit = Http.post(proxy.baseUrl() + "/generate", PROMPT, "Authorization", "Bearer live-credential-7");
        assertThat(hold.getCount()).as("the live call is still held upstream").isEqualTo(1);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(MAPPER.readTree(hit.body())).isEqualTo(MAPPER.readTree(RECORDED));
        hold.countDown();

        JsonNode stats = awaitStats(proxy, s -> s.path("drifted").asLong() == 1);
        assertThat(stats.path("hits").asLong()).isEqualTo(1);
        assertThat(stats.path("verified").asLong()).isZero();
        assertThat(stats.at("/cassettes/default/drifted").asLong()).isEqualTo(1);
        assertThat(stats.path("upstream_calls").asLong()).as("the live call is a real call").isEqualTo(1);
        assertThat(upstream.authorizations()).containsExactly("Bearer live-credential-7");

        JsonNode report = MAPPER.readTree(Http.get(proxy.baseUrl() + "/__vcr/report").body());
        assertThat(report.get("drift")).hasSize(1);
        JsonNode drift = report.get("drift").get(0);
        assertThat(drift.get("cassette").asText()).isEqualTo("default");
        assertThat(drift.get("key").asText()).isEqualTo(hit.headers().firstValue("X-Vcr-Key").orElseThrow());
        assertThat(drift.get("seq").asInt()).isZero();
        assertThat(drift.get("request")).isEqualTo(MAPPER.readTree("{\"method\":\"POST\",\"route\":\"/\",\"path\":\"/generate\"}"));
        assertThat(drift.get("changes")).contains(
                MAPPER.readTree("{\"field\":\"body\",\"pointer\":\"/tokens_used\",\"change\":\"type\",\"recorded\":\"number\",\"live\":\"string\"}"),
                MAPPER.readTree("{\"field\":\"body\",\"pointer\":\"/usage/cached_tokens\",\"change\":\"added\",\"recorded\":null,\"live\":\"number\"}"));
        String metrics = Http.get(proxy.baseUrl() + "/__vcr/metrics").body();
        assertThat(metrics).contains("vcr_requests_total{outcome=\"drifted\"} 1", "vcr_requests_total{outcome=\"verified\"} 0");

        proxy.close();
        assertThat(Files.readAllBytes(fixtures.resolve("default.json"))).as("verify writes nothing").isEqualTo(cassette);
    }

    @Test
    void aLiveAnswerOfTheSameShapeIsVerified() throws Exception {
        record(RECORDED, "application/json");
        upstream.answer("{\"ir_json\":{\"intent\":\"parse\",\"entities\":[\"x\",\"y\",\"z\"]},\"tokens_used\":7}",
                "application/json; charset=utf-8");
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> { });
        assertThat(Http.post(proxy.baseUrl() + "/generate", PROMPT).headers().firstValue("X-Vcr-Result")).hasValue("hit");

        JsonNode stats = awaitStats(proxy, s -> s.path("verified").asLong() == 1);
        assertThat(stats.path("drifted").asLong()).isZero();
        assertThat(stats.path("upstream_errors").asLong()).isZero();
        assertThat(MAPPER.readTree(Http.get(proxy.baseUrl() + "/__vcr/report").body()).get("drift")).isEmpty();
    }

    @Test
    void aStreamWhoseEventsChangedShapeDrifts() throws Exception {
        record(anthropicStream("Oslo", ""), "text/event-stream");
        upstream.answer(anthropicStream("Three crates", ",\"cache_read_input_tokens\":0"), "text/event-stream");
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> { });
        HttpResponse<String> hit = Http.post(proxy.baseUrl() + "/generate", PROMPT);
        assertThat(hit.body()).contains("Oslo");

        awaitStats(proxy, s -> s.path("drifted").asLong() == 1);
        JsonNode changes = MAPPER.readTree(Http.get(proxy.baseUrl() + "/__vcr/report").body()).at("/drift/0/changes");
        assertThat(changes).containsExactly(MAPPER.readTree("{\"field\":\"data\",\"event\":\"message_delta\","
                + "\"pointer\":\"/usage/cache_read_input_tokens\",\"change\":\"added\",\"recorded\":null,\"live\":\"number\"}"));
    }

    @Test
    void anUnreachableUpstreamIsAnUpstreamErrorNotDrift() throws Exception {
        record(RECORDED, "application/json");
        String closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = "http://127.0.0.1:" + socket.getLocalPort();
        }
        VcrProxyServer proxy = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.VERIFY)
                .upstream(closed).build());
        proxies.add(proxy);
        HttpResponse<String> hit = Http.post(proxy.baseUrl() + "/generate", PROMPT);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(hit.body())).isEqualTo(MAPPER.readTree(RECORDED));

        JsonNode stats = awaitStats(proxy, s -> s.path("upstream_errors").asLong() == 1);
        assertThat(stats.path("drifted").asLong()).isZero();
        assertThat(stats.path("verified").asLong()).isZero();
    }

    @Test
    void aLiveAnswerThatSaysTheServiceFailedIsAnUpstreamErrorNotDrift() throws Exception {
        record(RECORDED, "application/json");
        upstream.answer("{\"detail\":\"overloaded\"}", "application/json");
        upstream.status(503);
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> { });
        assertThat(Http.post(proxy.baseUrl() + "/generate", PROMPT).statusCode()).isEqualTo(200);
        awaitStats(proxy, s -> s.path("upstream_errors").asLong() == 1);

        upstream.status(200);
        upstream.answer("{\"error\":\"CUDA out of memory\"}", "application/json"); // Modal's way of failing
        assertThat(Http.post(proxy.baseUrl() + "/generate", PROMPT).statusCode()).isEqualTo(200);
        JsonNode stats = awaitStats(proxy, s -> s.path("upstream_errors").asLong() == 2);
        assertThat(stats.path("drifted").asLong()).isZero();
        assertThat(stats.path("verified").asLong()).isZero();
    }

    @Test
    void eachRecordingIsComparedOncePerRun() throws Exception {
        record(RECORDED, "application/json");
        int calls = upstream.calls();
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> { });
        for (int i = 0; i < 3; i++) {
            assertThat(Http.post(proxy.baseUrl() + "/generate", PROMPT).headers().firstValue("X-Vcr-Result")).hasValue("hit");
        }
        JsonNode stats = awaitStats(proxy, s -> s.path("verified").asLong() == 1);
        assertThat(stats.path("hits").asLong()).isEqualTo(3);
        proxy.close();
        assertThat(upstream.calls()).as("one live call for one recording").isEqualTo(calls + 1);
    }

    @Test
    void liveCallsRespectTheCallBudget() throws Exception {
        upstream.answer(RECORDED, "application/json");
        VcrProxyServer recorder = proxy(Mode.RECORD, b -> { }); // three recordings of one request: seq 0, 1, 2
        for (int i = 0; i < 3; i++) {
            Http.post(recorder.baseUrl() + "/generate", PROMPT);
        }
        recorder.close();
        int calls = upstream.calls();
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> b.maxUpstreamCalls(1L));
        for (int i = 0; i < 3; i++) {
            assertThat(Http.post(proxy.baseUrl() + "/generate", PROMPT).headers().firstValue("X-Vcr-Result")).hasValue("hit");
        }
        JsonNode stats = awaitStats(proxy, s -> s.path("verified").asLong() == 1);
        assertThat(stats.path("budget_refusals").asLong()).isEqualTo(2);
        assertThat(stats.path("upstream_calls").asLong()).isEqualTo(1);
        assertThat(stats.path("hits").asLong()).isEqualTo(3);
        proxy.close();
        assertThat(upstream.calls()).isEqualTo(calls + 1);
    }

    @Test
    void aMissInVerifyIsAMissAndGoesNowhere() throws Exception {
        record(RECORDED, "application/json");
        int calls = upstream.calls();
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> { });
        HttpResponse<String> miss = Http.post(proxy.baseUrl() + "/generate", PROMPT.replace("0.0", "0.7"));
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).contains("vcr_cassette_miss", "/temperature");
        proxy.close();
        assertThat(upstream.calls()).isEqualTo(calls);
    }

    @Test
    void shutdownWaitsForRunningComparisonsSoTheReportFileIsComplete() throws Exception {
        record(RECORDED, "application/json");
        upstream.answer("{\"ir_json\":{\"intent\":\"x\",\"entities\":[]},\"tokens_used\":[1]}", "application/json");
        CountDownLatch hold = upstream.hold();
        Path reportFile = fixtures.resolveSibling(fixtures.getFileName() + "-report.json");
        VcrProxyServer proxy = proxy(Mode.VERIFY, b -> b.reportFile(reportFile));
        assertThat(Http.post(proxy.baseUrl() + "/generate", PROMPT).statusCode()).isEqualTo(200);

        Thread closing = new Thread(proxy::close);
        closing.start();
        awaitRefused(proxy.boundPort()); // the proxy is stopping: only the comparison keeps it
        hold.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(40));

        JsonNode report = MAPPER.readTree(Files.readAllBytes(reportFile));
        assertThat(report.at("/totals/drifted").asLong()).isEqualTo(1);
        assertThat(report.at("/drift/0/changes/0/pointer").asText()).isEqualTo("/tokens_used");
        Files.deleteIfExists(reportFile);
    }

    private void record(String body, String contentType) {
        upstream.answer(body, contentType);
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> { });
        assertThat(Http.post(recorder.baseUrl() + "/generate", PROMPT).headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        recorder.close();
    }

    private VcrProxyServer proxy(Mode mode, Consumer<ProxyConfig.Builder> customize) {
        ProxyConfig.Builder builder = ProxyConfig.builder().port(0).fixtures(fixtures).mode(mode).upstream(upstream.uri());
        customize.accept(builder);
        try {
            VcrProxyServer server = VcrProxyServer.start(builder.build());
            proxies.add(server);
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stats once {@code ready} holds for them; the comparison runs after the hit was answered. */
    private static JsonNode awaitStats(VcrProxyServer proxy, java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode stats = MAPPER.readTree(Http.get(proxy.baseUrl() + "/__vcr/stats").body());
            if (ready.test(stats) || System.nanoTime() > deadline) {
                assertThat(ready.test(stats)).as("stats %s", stats).isTrue();
                return stats;
            }
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("try") // connecting is the test; the socket is only closed
    private static void awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                return;
            }
        }
    }

    private static String anthropicStream(String text, String extraUsage) {
        return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"role\":\"assistant\","
                + "\"content\":[],\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":15" + extraUsage + "}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    }

    /** Answers every request with the body set last; can hold its answers until released. */
    private static final class ChangingUpstream implements AutoCloseable {
        private final HttpServer server;
        private final List<String> authorizations = new CopyOnWriteArrayList<>();
        private volatile String body = "{}";
        private volatile String contentType = "application/json";
        private volatile int status = 200;
        private volatile CountDownLatch hold = new CountDownLatch(0);
        private volatile int calls;

        ChangingUpstream() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void answer(String newBody, String newContentType) {
            body = newBody;
            contentType = newContentType;
        }

        void status(int value) {
            status = value;
        }

        CountDownLatch hold() {
            hold = new CountDownLatch(1);
            return hold;
        }

        int calls() {
            return calls;
        }

        List<String> authorizations() {
            return authorizations;
        }

        private void handle(HttpExchange exchange) throws IOException {
            calls++;
            exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            hold.countDown();
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
