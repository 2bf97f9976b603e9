package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.Preset;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching and redaction rules, applied alike when recording, replaying and explaining a miss. */
class MatchingIT extends ProxyTestSupport {

    @Test
    void ignoredPointersAndQueryParametersApplyToRecordReplayAndDiagnostics() {
        MatchRules rules = MatchRules.of(List.of("/seed", "/messages/0/id"), List.of(), List.of("trace"));
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> b.matchRules(rules));
        Http.post(recorder.baseUrl() + "/generate?trace=1", "{\"prompt\": \"p\", \"seed\": 1, \"messages\": [{\"id\": \"a\", \"text\": \"t\"}]}");
        recorder.close();

        VcrProxyServer replayer = proxy(Mode.REPLAY, b -> b.matchRules(rules));
        HttpResponse<String> hit = Http.post(replayer.baseUrl() + "/generate?trace=2",
                "{\"prompt\": \"p\", \"seed\": 99, \"messages\": [{\"id\": \"zz\", \"text\": \"t\"}]}");
        assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");

        HttpResponse<String> miss = Http.post(replayer.baseUrl() + "/generate?trace=3",
                "{\"prompt\": \"q\", \"seed\": 5, \"messages\": [{\"id\": \"b\", \"text\": \"t\"}], \"extra\": true}");
        JsonNode differences = json(miss.body()).at("/error/closest/differences");
        assertThat(differences).extracting(d -> d.get("pointer").asText()).containsExactlyInAnyOrder("/prompt", "/extra");
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void redactedHeadersAndJsonFieldsAreStoredAsRedacted() throws Exception {
        MatchRules rules = MatchRules.of(List.of(), List.of(), List.of(), List.of("x-customer-id"), List.of("/user/email"));
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> b.matchRules(rules));
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"p\", \"user\": {\"email\": \"ada@example.com\"}}",
                "X-Customer-Id", "cust-4711");
        String file = Files.readString(fixtures.resolve("default.json"));
        assertThat(file).doesNotContain("ada@example.com").doesNotContain("cust-4711");
        JsonNode request = cassetteFile("default").at("/interactions/0/request");
        assertThat(request.at("/body/user/email").asText()).isEqualTo("<redacted>");
        assertThat(request.at("/headers/x-customer-id").asText()).isEqualTo("<redacted>");
        assertThat(upstream.seen().get(0).body()).contains("ada@example.com");
    }

    @Test
    void theOpenAiPresetIgnoresTheEndUserId() {
        MatchRules rules = Preset.OPENAI.rules();
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> b.matchRules(rules));
        Http.post(recorder.baseUrl() + "/v1/chat/completions", "{\"model\": \"m\", \"messages\": [], \"user\": \"alice\"}");
        HttpResponse<String> other = Http.post(recorder.baseUrl() + "/v1/chat/completions", "{\"model\": \"m\", \"messages\": [], \"user\": \"bob\"}");
        assertThat(other.headers().firstValue("X-Vcr-Result")).hasValue("hit");
    }

    @Test
    void theAnthropicPresetCountsTheApiVersionHeader() {
        MatchRules rules = Preset.ANTHROPIC.rules();
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> b.matchRules(rules));
        Http.post(recorder.baseUrl() + "/v1/messages", "{\"model\": \"c\"}", "anthropic-version", "2023-06-01");
        HttpResponse<String> newer = Http.post(recorder.baseUrl() + "/v1/messages", "{\"model\": \"c\"}", "anthropic-version", "2024-01-01");
        assertThat(newer.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(cassetteFile("default").at("/interactions/0/request/headers/anthropic-version").isTextual()).isTrue();
    }
}
