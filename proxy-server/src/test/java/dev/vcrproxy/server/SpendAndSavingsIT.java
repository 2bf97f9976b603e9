package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.StreamingUpstream;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Token usage recorded per interaction; what a run spends upstream and what replay saves, through a real proxy. */
class SpendAndSavingsIT extends ProxyTestSupport {

    @Test
    void recordingStoresUsageAndReplayCountsWhatItSaved() {
        upstream.delayMs(30);
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"alpha\"}");   // tokens_used 15
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"be\"}");      // tokens_used 12
        JsonNode spent = json(Http.get(recorder.baseUrl() + "/__vcr/stats").body());
        assertThat(spent.get("upstream_calls").asLong()).isEqualTo(2);
        assertThat(spent.get("tokens_spent").asLong()).isEqualTo(27);
        assertThat(spent.get("calls_saved").asLong()).isZero();
        assertThat(spent.at("/cassettes/default/tokens_spent").asLong()).isEqualTo(27);
        recorder.close();

        JsonNode file = cassetteFile("default");
        Map<String, Long> durationByPrompt = new java.util.HashMap<>();
        for (JsonNode interaction : file.get("interactions")) {
            long tokens = interaction.at("/response/body/tokens_used").asLong();
            assertThat(interaction.get("usage")).isEqualTo(json("{\"input_tokens\": 0, \"output_tokens\": " + tokens + "}"));
            durationByPrompt.put(interaction.at("/request/body/prompt").asText(), interaction.get("duration_ms").asLong());
        }
        assertThat(durationByPrompt.values()).allSatisfy(ms -> assertThat(ms).isPositive());

        VcrProxyServer replayer = offlineProxy();
        for (String prompt : new String[] {"alpha", "be", "alpha"}) {
            assertThat(Http.post(replayer.baseUrl() + "/generate", "{\"prompt\": \"" + prompt + "\"}")
                    .headers().firstValue("X-Vcr-Result")).hasValue("hit");
        }
        long timeSaved = 2 * durationByPrompt.get("alpha") + durationByPrompt.get("be");
        JsonNode saved = json(Http.get(replayer.baseUrl() + "/__vcr/stats").body());
        assertThat(saved.get("upstream_calls").asLong()).isZero();
        assertThat(saved.get("tokens_spent").asLong()).isZero();
        assertThat(saved.get("calls_saved").asLong()).isEqualTo(3);
        assertThat(saved.get("tokens_saved").asLong()).isEqualTo(15 + 12 + 15);
        assertThat(saved.get("time_saved_ms").asLong()).isEqualTo(timeSaved);
        assertThat(saved.at("/cassettes/default/tokens_saved").asLong()).isEqualTo(42);

        JsonNode report = json(Http.get(replayer.baseUrl() + "/__vcr/report").body());
        assertThat(report.at("/totals/tokens_saved").asLong()).isEqualTo(42);
        assertThat(report.at("/totals/time_saved_ms").asLong()).isEqualTo(timeSaved);
        assertThat(report.at("/cassettes/default/counts/calls_saved").asLong()).isEqualTo(3);
        assertThat(report.at("/budgets/max_upstream_calls").isNull()).isTrue();

        String metrics = Http.get(replayer.baseUrl() + "/__vcr/metrics").body();
        assertThat(metrics).contains("vcr_tokens_total{kind=\"saved\"} 42\n", "vcr_tokens_total{kind=\"spent\"} 0\n",
                "vcr_upstream_calls_total 0\n", "vcr_calls_saved_total 3\n",
                "vcr_cassette_tokens_total{cassette=\"default\",kind=\"saved\"} 42\n",
                "vcr_time_saved_seconds_total " + java.math.BigDecimal.valueOf(timeSaved, 3).stripTrailingZeros().toPlainString() + "\n");
    }

    @Test
    void streamsRecordTheirUsageAndPassedThroughStreamsCountAsSpent() throws Exception {
        try (StreamingUpstream streams = new StreamingUpstream()) {
            streams.holdAfterFirst(false);
            String base = streams.uri().toString();
            VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> b.route(dev.vcrproxy.upstream.Route.parse("/v1=" + base + "/v1"))
                    .route(dev.vcrproxy.upstream.Route.parse("/v1beta=" + base + "/v1beta")));
            Http.post(recorder.baseUrl() + "/v1/messages", "{\"stream\": true}", "X-Vcr-Cassette", "anthropic");
            Http.post(recorder.baseUrl() + "/v1/usage/chat/completions", "{\"stream\": true}", "X-Vcr-Cassette", "openai");
            Http.post(recorder.baseUrl() + "/v1beta/models/g:streamGenerateContent?alt=sse", "{}", "X-Vcr-Cassette", "gemini");
            Http.post(recorder.baseUrl() + "/v1/chat/completions", "{\"stream\": true}", "X-Vcr-Cassette", "plain");
            assertThat(cassetteFile("anthropic").at("/interactions/0/usage"))
                    .isEqualTo(json("{\"input_tokens\": 25, \"output_tokens\": 15}"));
            assertThat(cassetteFile("openai").at("/interactions/0/usage"))
                    .isEqualTo(json("{\"input_tokens\": 9, \"output_tokens\": 12}"));
            assertThat(cassetteFile("gemini").at("/interactions/0/usage"))
                    .isEqualTo(json("{\"input_tokens\": 4, \"output_tokens\": 2}"));
            assertThat(cassetteFile("plain").at("/interactions/0").has("usage")).isFalse();

            Http.put(recorder.baseUrl() + "/__vcr/mode", "{\"mode\": \"passthrough\"}");
            HttpResponse<String> passed = Http.post(recorder.baseUrl() + "/v1/messages", "{\"stream\": true}", "X-Vcr-Cassette", "live");
            assertThat(passed.body()).isEqualTo(String.join("", StreamingUpstream.ANTHROPIC_EVENTS));
            JsonNode stats = json(Http.get(recorder.baseUrl() + "/__vcr/stats").body());
            assertThat(stats.get("upstream_calls").asLong()).isEqualTo(5);
            assertThat(stats.get("tokens_spent").asLong()).isEqualTo(40 + 21 + 6 + 40);
            assertThat(stats.at("/cassettes/live/tokens_spent").asLong()).isEqualTo(40);
            assertThat(stats.at("/cassettes/plain/tokens_spent").asLong()).isZero();
            assertThat(fixtures.resolve("live.json")).doesNotExist();

            Http.put(recorder.baseUrl() + "/__vcr/mode", "{\"mode\": \"replay\"}");
            Http.post(recorder.baseUrl() + "/v1/messages", "{\"stream\": true}", "X-Vcr-Cassette", "anthropic");
            Http.post(recorder.baseUrl() + "/v1/usage/chat/completions", "{\"stream\": true}", "X-Vcr-Cassette", "openai");
            JsonNode after = json(Http.get(recorder.baseUrl() + "/__vcr/stats").body());
            assertThat(after.get("calls_saved").asLong()).isEqualTo(2);
            assertThat(after.get("tokens_saved").asLong()).isEqualTo(40 + 21);
            assertThat(after.at("/cassettes/anthropic/time_saved_ms").asLong())
                    .isEqualTo(cassetteFile("anthropic").at("/interactions/0/duration_ms").asLong());
            assertThat(streams.calls()).isEqualTo(5);
        }
    }

    @Test
    void aStreamPassedThroughStaysUnlimitedWhenItOutgrowsTheBodyLimit() throws Exception {
        try (StreamingUpstream streams = new StreamingUpstream()) {
            streams.holdAfterFirst(false);
            VcrProxyServer proxy = proxy(Mode.PASSTHROUGH, b -> b.maxBodyBytes(200)
                    .route(dev.vcrproxy.upstream.Route.parse("/v1=" + streams.uri() + "/v1")));
            HttpResponse<String> passed = Http.post(proxy.baseUrl() + "/v1/messages", "{\"stream\": true}");
            assertThat(passed.body()).isEqualTo(String.join("", StreamingUpstream.ANTHROPIC_EVENTS)).hasSizeGreaterThan(200);
            assertThat(passed.headers().firstValue("X-Vcr-Result")).hasValue("passthrough");
            JsonNode stats = json(Http.get(proxy.baseUrl() + "/__vcr/stats").body());
            assertThat(stats.get("passthrough").asLong()).isEqualTo(1);
            assertThat(stats.get("upstream_calls").asLong()).isEqualTo(1);
            assertThat(stats.get("tokens_spent").asLong()).isZero();  // not parsed past the limit
        }
    }

    @Test
    void aCassetteRecordedBeforeUsageWasStoredStillReplaysAndSavesItsCallsAndTime() throws Exception {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"older\"}");
        recorder.close();
        java.nio.file.Path file = fixtures.resolve("default.json");
        String withUsage = java.nio.file.Files.readString(file);
        String without = withUsage.replaceAll("(?s)\n      \"usage\": \\{.*?\n      \\},", "");
        assertThat(without).doesNotContain("usage").isNotEqualTo(withUsage);
        java.nio.file.Files.writeString(file, without);
        long duration = cassetteFile("default").at("/interactions/0/duration_ms").asLong();

        VcrProxyServer replayer = offlineProxy();
        HttpResponse<String> hit = Http.post(replayer.baseUrl() + "/generate", "{\"prompt\": \"older\"}");
        assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        JsonNode stats = json(Http.get(replayer.baseUrl() + "/__vcr/stats").body());
        assertThat(stats.get("calls_saved").asLong()).isEqualTo(1);
        assertThat(stats.get("tokens_saved").asLong()).isZero();
        assertThat(stats.get("time_saved_ms").asLong()).isEqualTo(duration);
    }
}
