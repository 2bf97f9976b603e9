package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input gets a clear error and nothing is lost or half-written. */
class ErrorHandlingIT extends ProxyTestSupport {

    @Test
    void replayMissNamesTheCassetteKeyAndTheDifferingField() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"hi\", \"temperature\": 0.3, \"max_tokens\": 5}");
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"something else entirely\", \"temperature\": 1, \"max_tokens\": 9}");
        recorder.close();

        VcrProxyServer replayer = offlineProxy();
        HttpResponse<String> miss = Http.post(replayer.baseUrl() + "/generate", "{\"prompt\": \"hi\", \"temperature\": 0.0, \"max_tokens\": 5}");
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.headers().firstValue("X-Vcr-Result")).hasValue("miss");
        JsonNode error = json(miss.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("vcr_cassette_miss");
        assertThat(error.get("cassette").asText()).isEqualTo("default");
        assertThat(error.get("key").asText()).isEqualTo(miss.headers().firstValue("X-Vcr-Key").orElseThrow());
        JsonNode differences = error.at("/closest/differences");
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).get("pointer").asText()).isEqualTo("/temperature");
        assertThat(differences.get(0).get("change").asText()).isEqualTo("changed");
        assertThat(differences.get(0).get("recorded").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(differences.get(0).get("actual").decimalValue()).isEqualByComparingTo("0");
        assertThat(error.get("message").asText()).contains("/temperature");
        assertThat(replayer.stats().total()).containsEntry(dev.vcrproxy.mode.Outcome.MISS, 1L);
    }

    @Test
    void missOnAnEmptyCassetteSaysHowToRecord() {
        VcrProxyServer replayer = offlineProxy();
        HttpResponse<String> miss = Http.post(replayer.baseUrl() + "/generate", "{\"prompt\": \"hi\"}");
        JsonNode error = json(miss.body()).get("error");
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(error.get("closest").isNull()).isTrue();
        assertThat(error.get("message").asText()).contains("record-missing");
    }

    @Test
    void upstreamDownIs502AndNothingIsRecorded() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.route(dev.vcrproxy.upstream.Route.parse("/dead=http://127.0.0.1:" + deadPort)));
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/dead/generate", "{\"prompt\": \"hi\"}");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("vcr_upstream_error");
        assertThat(json(response.body()).at("/error/message").asText()).contains("127.0.0.1:" + deadPort);
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void upstreamSilentPastTheTimeoutIs504() {
        upstream.delayMs(1500);
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.upstreamTimeout(java.time.Duration.ofMillis(300)));
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"slow\"}");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("vcr_upstream_error");
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void modalStyleErrorsAndServerErrorsPassThroughUnrecorded() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> modalError = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"please fail\"}");
        HttpResponse<String> serverError = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"boom\"}");
        assertThat(modalError.statusCode()).isEqualTo(200);
        assertThat(json(modalError.body()).get("error").asText()).isEqualTo("model crashed");
        assertThat(modalError.headers().firstValue("X-Vcr-Result")).hasValue("passthrough");
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(serverError.headers().firstValue("X-Vcr-Result")).hasValue("passthrough");
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void recordErrorsKeepsThem() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.recordErrors(true));
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"please fail\"}");
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"boom\"}");
        assertThat(cassetteFile("default").get("interactions")).hasSize(2);
    }

    @Test
    void aCorruptCassetteIs500NamingFileAndLineAndIsNeverOverwritten() throws Exception {
        String corrupt = "{\n  \"format\": 1,\n  \"name\": \"default\",\n  \"interactions\": [\n    {\"key\": ";
        Files.writeString(fixtures.resolve("default.json"), corrupt);
        for (Mode mode : new Mode[] {Mode.REPLAY, Mode.RECORD_MISSING, Mode.RECORD}) {
            VcrProxyServer proxy = proxy(mode);
            HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"hi\"}");
            assertThat(response.statusCode()).as(mode.label()).isEqualTo(500);
            JsonNode error = json(response.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("vcr_bad_cassette");
            assertThat(error.get("message").asText()).contains("default.json:5");
            proxy.close();
        }
        assertThat(upstream.calls()).isZero();
        assertThat(Files.readString(fixtures.resolve("default.json"))).isEqualTo(corrupt);
    }

    @Test
    void anOversizedRequestIs413() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.maxBodyBytes(1024));
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"" + "x".repeat(4000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("vcr_body_too_large");
        assertThat(upstream.calls()).isZero();
    }

    @Test
    void anOversizedUpstreamResponseIs502AndNotRecorded() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.maxBodyBytes(200));
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"" + "y".repeat(150) + "\"}");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("vcr_body_too_large");
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void malformedJsonIsRecordedAsTextAndReplays() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        String broken = "{\"prompt\": \"unterminated";
        HttpResponse<String> first = Http.post(proxy.baseUrl() + "/generate", broken);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cassetteFile("default").at("/interactions/0/request/body_text").asText()).isEqualTo(broken);
        proxy.close();
        HttpResponse<String> replay = Http.post(offlineProxy().baseUrl() + "/generate", broken);
        assertThat(replay.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(json(replay.body())).isEqualTo(json(first.body()));
    }

    @Test
    void credentialsNeverReachTheCassette() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate?key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q&model=m1",
                "{\"prompt\": \"hi\"}",
                "Authorization", "Bearer sk-proj-Abc123def456GHI789jkl012MNO345pqr",
                "X-Api-Key", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
                "Modal-Key", "ak-1234567890abcdef", "Modal-Secret", "as-abcdef1234567890", "Cookie", "sid=42");
        assertThat(response.statusCode()).isEqualTo(200);
        var seen = upstream.seen().get(0);
        assertThat(seen.headers().get("Authorization")).containsExactly("Bearer sk-proj-Abc123def456GHI789jkl012MNO345pqr");
        String file = Files.readString(fixtures.resolve("default.json"));
        assertThat(file).doesNotContain("sk-proj-", "sk-ant-", "AIza", "ak-123", "as-abc", "sid=42", "session=abc123", "req-1");
        JsonNode request = cassetteFile("default").at("/interactions/0/request");
        assertThat(request.at("/headers/authorization").asText()).isEqualTo("<redacted>");
        assertThat(request.at("/headers/x-api-key").asText()).isEqualTo("<redacted>");
        assertThat(request.at("/query/key").asText()).isEqualTo("<redacted>");
        assertThat(request.at("/query/model").asText()).isEqualTo("m1");
    }

    @Test
    void aSecretInTheAnswerIsNotWrittenButTheClientGetsIt() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"echo ghp_0123456789abcdefABCDEF0123456789abcd\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ghp_0123456789abcdefABCDEF0123456789abcd");
        assertThat(fixtures.resolve("default.json")).doesNotExist();
        assertThat(proxy.stats().total()).containsEntry(dev.vcrproxy.mode.Outcome.SECRET_BLOCKED, 1L);
    }

    @Test
    void anUpstreamThatIsTheProxyItselfIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int self = port;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VcrProxyServer.start(ProxyConfig.builder()
                        .port(self).fixtures(fixtures).upstream("http://127.0.0.1:" + self + "/generate").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is this proxy itself");
    }
}
