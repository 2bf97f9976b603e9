package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Record through a real proxy against a real upstream, then replay with the upstream gone. */
class RecordReplayIT extends ProxyTestSupport {
    static final String PROMPT = "{\"prompt\": \"Parse: ship 3 crates to Oslo\", \"schema\": {\"type\": \"object\"},"
            + " \"max_tokens\": 256, \"temperature\": 0.0, \"top_p\": 1.0}";

    @Test
    void recordsThenReplaysByteIdenticalWithZeroUpstreamCalls() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> recorded = Http.post(recorder.baseUrl() + "/generate", PROMPT);
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        String key = recorded.headers().firstValue("X-Vcr-Key").orElseThrow();
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(json(recorded.body()).at("/ir_json/echo").asText()).isEqualTo("Parse: ship 3 crates to Oslo");
        recorder.close();
        upstream.close();
        int callsWhileRecording = upstream.calls();

        VcrProxyServer replayer = offlineProxy();
        HttpResponse<String> first = Http.post(replayer.baseUrl() + "/generate", PROMPT);
        HttpResponse<String> second = Http.post(replayer.baseUrl() + "/generate", PROMPT);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(first.headers().firstValue("X-Vcr-Key")).hasValue(key);
        assertThat(first.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(json(first.body())).isEqualTo(json(recorded.body()));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(upstream.calls()).isEqualTo(callsWhileRecording).isEqualTo(1);
    }

    @Test
    void aCassetteRecordedThroughRoutesReplaysWithNoRoutesConfigured() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> b.route(dev.vcrproxy.upstream.Route.parse(
                "/generate=" + upstream.uri() + "/v1/generate")));
        HttpResponse<String> recorded = Http.post(recorder.baseUrl() + "/generate", PROMPT);
        assertThat(upstream.seen().get(0).uri()).isEqualTo("/v1/generate");
        assertThat(cassetteFile("default").at("/interactions/0/request/route").asText()).isEqualTo("/generate");
        assertThat(cassetteFile("default").at("/interactions/0/request/path").asText()).isEqualTo("/");
        recorder.close();

        HttpResponse<String> replayed = Http.post(offlineProxy().baseUrl() + "/generate", PROMPT);
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(json(replayed.body())).isEqualTo(json(recorded.body()));
    }

    @Test
    void keyOrderWhitespaceAndNumberSpellingStillHit() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", PROMPT);
        String respelled = "{\"top_p\":1,\"temperature\":0E0,\"max_tokens\":2.56e2,\"schema\":{\"type\":\"object\"},"
                + "\"prompt\":\"Parse: ship 3 crates to Oslo\"}";
        HttpResponse<String> again = Http.post(proxy.baseUrl() + "/generate", respelled);
        assertThat(again.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void arrayOrderIsADifferentRequest() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\", \"stop\": [\"a\", \"b\"]}");
        HttpResponse<String> swapped = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\", \"stop\": [\"b\", \"a\"]}");
        assertThat(swapped.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void repeatedIdenticalRequestsReplayInRecordedOrderThenTheLastRepeats() {
        VcrProxyServer recorder = proxy(Mode.RECORD);
        List<String> recordedBodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recordedBodies.add(Http.post(recorder.baseUrl() + "/generate", PROMPT).body());
        }
        assertThat(recordedBodies).doesNotHaveDuplicates(); // the stand-in numbers its calls
        assertThat(cassetteFile("default").get("interactions")).hasSize(3);
        recorder.close();

        VcrProxyServer replayer = offlineProxy();
        List<JsonNode> replayed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replayed.add(json(Http.post(replayer.baseUrl() + "/generate", PROMPT).body()));
        }
        assertThat(replayed).containsExactly(json(recordedBodies.get(0)), json(recordedBodies.get(1)),
                json(recordedBodies.get(2)), json(recordedBodies.get(2)), json(recordedBodies.get(2)));
    }

    @Test
    void recordModeReplacesOldRecordingsOfAKeyOnFirstUse() {
        VcrProxyServer first = proxy(Mode.RECORD);
        Http.post(first.baseUrl() + "/generate", PROMPT);
        Http.post(first.baseUrl() + "/generate", PROMPT);
        first.close();
        assertThat(cassetteFile("default").get("interactions")).hasSize(2);

        VcrProxyServer second = proxy(Mode.RECORD);
        HttpResponse<String> fresh = Http.post(second.baseUrl() + "/generate", PROMPT);
        JsonNode interactions = cassetteFile("default").get("interactions");
        assertThat(interactions).hasSize(1);
        assertThat(interactions.get(0).get("response").get("body")).isEqualTo(json(fresh.body()));
    }

    @Test
    void reRecordingAnIdenticalAnswerLeavesTheFileByteIdentical() throws Exception {
        VcrProxyServer first = proxy(Mode.RECORD);
        Http.post(first.baseUrl() + "/text", "{\"same\": true}");
        first.close();
        String before = Files.readString(fixtures.resolve("default.json"));
        Thread.sleep(1100); // a new recorded_at would differ by at least a second
        upstream.delayMs(30);
        VcrProxyServer second = proxy(Mode.RECORD);
        Http.post(second.baseUrl() + "/text", "{\"same\": true}");
        second.close();
        assertThat(Files.readString(fixtures.resolve("default.json"))).isEqualTo(before);
    }

    @Test
    void passthroughForwardsAndRecordsNothing() {
        VcrProxyServer proxy = proxy(Mode.PASSTHROUGH);
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", PROMPT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("passthrough");
        assertThat(response.headers().firstValue("X-Vcr-Key")).isPresent();
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void aTwentyFourMibBodyIsRecordedAndReplayedByteForByte() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(recorder.baseUrl() + "/big")).GET().build();
        byte[] live = Http.sendBytes(request).body();
        assertThat(live).hasSize(24 << 20);
        recorder.close();
        var again = java.net.http.HttpRequest.newBuilder(java.net.URI.create(offlineProxy().baseUrl() + "/big")).GET().build();
        byte[] replayed = Http.sendBytes(again).body();
        assertThat(replayed).hasSize(live.length);
        assertThat(java.util.Arrays.equals(replayed, live)).as("replayed bytes equal recorded bytes").isTrue();
    }

    @Test
    void aMultiMebibyteJsonRequestIsKeyedOffTheEventLoopAndStillMatches() {
        String big = "{\"prompt\": \"" + "long context ".repeat(200_000) + "\", \"temperature\": 0.5}";
        String respelled = "{\"temperature\": 5e-1, \"prompt\": \"" + "long context ".repeat(200_000) + "\"}";
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        assertThat(Http.post(recorder.baseUrl() + "/generate", big).headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(Http.post(recorder.baseUrl() + "/generate", respelled).headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void textAndBinaryResponsesReplayByteForByte() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> text = Http.post(recorder.baseUrl() + "/text", "hello");
        var binaryRequest = java.net.http.HttpRequest.newBuilder(java.net.URI.create(recorder.baseUrl() + "/binary")).GET().build();
        byte[] binary = Http.sendBytes(binaryRequest).body();
        recorder.close();
        assertThat(cassetteFile("default").toString()).contains("body_text").contains("body_base64");

        VcrProxyServer replayer = offlineProxy();
        assertThat(Http.post(replayer.baseUrl() + "/text", "hello").body()).isEqualTo(text.body());
        var replayRequest = java.net.http.HttpRequest.newBuilder(java.net.URI.create(replayer.baseUrl() + "/binary")).GET().build();
        assertThat(Http.sendBytes(replayRequest).body()).isEqualTo(binary).hasSize(6);
    }
}
