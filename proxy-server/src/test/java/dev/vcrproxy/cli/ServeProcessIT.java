package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real jar in its own process: ready line, environment, SIGTERM, and kill -9 mid-recording. */
class ServeProcessIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path fixtures;

    @Test
    void printsTheReadyLineHonoursTheEnvironmentAndStopsCleanlyOnSigterm() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream();
             ProxyProcess proxy = ProxyProcess.start(Map.of("RECORD_FIXTURES", "true", "VCR_UPSTREAM", upstream.uri().toString(),
                     "VCR_FIXTURES", fixtures.toString(), "VCR_PORT", "0"), "serve")) {
            assertThat(proxy.readyLine()).matches("vcr-proxy listening on http://127\\.0\\.0\\.1:\\d+ mode=record-missing fixtures=.+");
            HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"via env\"}");
            assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
            assertThat(Http.get(proxy.baseUrl() + "/__vcr/health").body()).contains("\"status\":\"ok\"", "\"mode\":\"record-missing\"");
            assertThat(proxy.terminate()).isZero();
            assertThat(proxy.stderr()).contains("vcr-proxy stopped: hits=0 misses=0 recorded=1");
            assertThat(Files.exists(fixtures.resolve("default.json"))).isTrue();
        }
    }

    @Test
    void aBudgetOfZeroStopsAMisSetRecordFixturesFromCallingTheRealEndpoint() throws Exception {
        Path report = fixtures.resolve("report.json");
        try (StandInUpstream upstream = new StandInUpstream();
             ProxyProcess proxy = ProxyProcess.start(Map.of("RECORD_FIXTURES", "true", "VCR_MAX_UPSTREAM_CALLS", "0",
                     "VCR_UPSTREAM", upstream.uri().toString()), "serve", "--port", "0", "--fixtures", fixtures.toString(),
                     "--max-upstream-tokens", "5000", "--report-file", report.toString())) {
            assertThat(proxy.readyLine()).contains("mode=record-missing");
            HttpResponse<String> refused = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"paid\"}");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.body()).contains("vcr_budget_exceeded", "--max-upstream-calls 0");
            assertThat(upstream.calls()).isZero();
            assertThat(proxy.terminate()).isZero();
            assertThat(proxy.stderr()).contains("budget_refusals=1 verified=0 drifted=0 upstream_calls=0 tokens_spent=0 calls_saved=0 tokens_saved=0 time_saved_ms=0");
            JsonNode written = MAPPER.readTree(report.toFile());
            assertThat(written.at("/budgets/max_upstream_calls").asLong()).isZero();
            assertThat(written.at("/budgets/max_upstream_tokens").asLong()).isEqualTo(5000);
            assertThat(written.at("/totals/budget_refusals").asLong()).isEqualTo(1);
        }
    }

    @Test
    void vcrModeWinsOverRecordFixtures() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start(Map.of("RECORD_FIXTURES", "true", "VCR_MODE", "replay"),
                "serve", "--port", "0", "--fixtures", fixtures.toString())) {
            assertThat(proxy.readyLine()).contains("mode=replay");
        }
    }

    @Test
    void killDashNineInTheMiddleOfARecordingBurstLeavesAParseableCassetteWithEveryAnsweredRequest() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream();
             ProxyProcess proxy = ProxyProcess.start(Map.of(), "serve", "--port", "0", "--mode", "record-missing",
                     "--upstream", upstream.uri().toString(), "--fixtures", fixtures.toString())) {
            upstream.delayMs(5);
            Set<String> answered = ConcurrentHashMap.newKeySet();
            CountDownLatch enough = new CountDownLatch(40);
            ExecutorService clients = Executors.newFixedThreadPool(12);
            for (int i = 0; i < 400; i++) {
                String prompt = "burst " + i;
                clients.execute(() -> {
                    try {
                        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate",
                                "{\"prompt\": \"" + prompt + "\"}", "X-Vcr-Cassette", "burst");
                        if (response.statusCode() == 200 && "recorded".equals(response.headers().firstValue("X-Vcr-Result").orElse(""))) {
                            answered.add(prompt);
                            enough.countDown();
                        }
                    } catch (RuntimeException e) {
                        // the proxy was killed under this request
                    }
                });
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
            proxy.kill();
            clients.shutdownNow();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            Set<String> answeredBeforeKill = Set.copyOf(answered);

            JsonNode cassette = MAPPER.readTree(Files.readAllBytes(fixtures.resolve("burst.json")));
            List<String> stored = new ArrayList<>();
            cassette.get("interactions").forEach(i -> stored.add(i.at("/request/body/prompt").asText()));
            assertThat(stored).containsAll(answeredBeforeKill).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
            assertThat(cassette.get("format").asInt()).isEqualTo(1);
        }
    }
}
