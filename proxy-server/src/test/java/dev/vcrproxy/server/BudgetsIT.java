package dev.vcrproxy.server;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.CapturedLogs;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** --max-upstream-calls and --max-upstream-tokens through a real proxy and a real upstream. */
class BudgetsIT extends ProxyTestSupport {

    @Test
    void aCallBudgetOfTwoLetsExactlyTwoThroughAndHitsStillReplay() {
        try (CapturedLogs logs = new CapturedLogs("dev.vcrproxy.server.BudgetRefusal", Level.DEBUG, true)) {
            VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.maxUpstreamCalls(2L));
            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"one\"}").statusCode()).isEqualTo(200);
            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"two\"}").statusCode()).isEqualTo(200);

            HttpResponse<String> refused = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"three\"}", "X-Vcr-Cassette", "more");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
            assertThat(refused.headers().firstValue("x-should-retry")).hasValue("false");
            assertThat(refused.headers().firstValue("X-Vcr-Result")).hasValue("error");
            JsonNode error = json(refused.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("vcr_budget_exceeded");
            assertThat(error.get("budget").asText()).isEqualTo("max_upstream_calls");
            assertThat(error.get("limit").asLong()).isEqualTo(2);
            assertThat(error.get("message").asText()).contains("--max-upstream-calls 2", "VCR_MAX_UPSTREAM_CALLS",
                    "POST /generate", "'more'");
            assertThat(upstream.calls()).isEqualTo(2);

            HttpResponse<String> hit = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"one\"}");
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");
            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"four\"}").statusCode()).isEqualTo(429);
            Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"passthrough\"}");
            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"one\"}").statusCode()).isEqualTo(429);
            assertThat(upstream.calls()).isEqualTo(2);
            assertThat(fixtures.resolve("more.json")).doesNotExist();

            JsonNode stats = json(Http.get(proxy.baseUrl() + "/__vcr/stats").body());
            assertThat(stats.get("budget_refusals").asLong()).isEqualTo(3);
            assertThat(stats.get("upstream_calls").asLong()).isEqualTo(2);
            assertThat(stats.at("/cassettes/more/budget_refusals").asLong()).isEqualTo(1);
            assertThat(stats.at("/budgets/max_upstream_calls").asLong()).isEqualTo(2);
            assertThat(Http.get(proxy.baseUrl() + "/__vcr/metrics").body())
                    .contains("vcr_requests_total{outcome=\"budget_refusals\"} 3\n", "vcr_budget_limit{budget=\"max_upstream_calls\"} 2\n");
            assertThat(logs.lines(Level.WARN)).hasSize(1).first().asString().contains("--max-upstream-calls 2");
            assertThat(logs.lines(Level.DEBUG)).hasSize(3);
        }
    }

    @Test
    @SuppressWarnings("try") // the capture only keeps the expected refusals out of the build log
    void theCallBudgetHoldsUnderParallelRequests() throws Exception {
        upstream.delayMs(200);
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.maxUpstreamCalls(3L));
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try (CapturedLogs quiet = new CapturedLogs("dev.vcrproxy.server.BudgetRefusal", Level.INFO, true)) {
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String body = "{\"prompt\": \"parallel " + i + "\"}";
                statuses.add(CompletableFuture.supplyAsync(() -> Http.post(proxy.baseUrl() + "/generate", body).statusCode(), clients));
            }
            List<Integer> codes = statuses.stream().map(CompletableFuture::join).toList();
            assertThat(codes).filteredOn(c -> c == 200).hasSize(3);
            assertThat(codes).filteredOn(c -> c == 429).hasSize(7);
            assertThat(upstream.calls()).isEqualTo(3);
            assertThat(cassetteFile("default").get("interactions")).hasSize(3);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings("try") // the capture only keeps the expected refusals out of the build log
    void aTokenBudgetStopsCallsOnceCompletedCallsReachedIt() {
        try (CapturedLogs quiet = new CapturedLogs("dev.vcrproxy.server.BudgetRefusal", Level.INFO, true)) {
            VcrProxyServer proxy = proxy(Mode.RECORD, b -> b.maxUpstreamTokens(20L));
            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"alpha\"}").statusCode()).isEqualTo(200); // 15 tokens
            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"be\"}").statusCode()).isEqualTo(200);    // 12 more
            HttpResponse<String> refused = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"c\"}");
            assertThat(refused.statusCode()).isEqualTo(429);
            JsonNode error = json(refused.body()).get("error");
            assertThat(error.get("budget").asText()).isEqualTo("max_upstream_tokens");
            assertThat(error.get("spent").asLong()).isEqualTo(27);
            assertThat(error.get("message").asText()).contains("--max-upstream-tokens 20", "VCR_MAX_UPSTREAM_TOKENS");
            assertThat(upstream.calls()).isEqualTo(2);
        }
    }
}
