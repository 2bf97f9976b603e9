package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A key the client sends never reaches a cassette, nor any text the proxy prints, in any form. */
class SecretsIT extends ProxyTestSupport {
    static final String KEY = "sk-proj-Abc123def456GHI789jkl012MNO345pqr";
    static final String MASKED = "sk-proj-Abc1…<redacted>";

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    @Test
    void anOctetStreamRequestBodyCarryingAKeyIsNotWrittenButAnswered() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        byte[] body = ("\u00ff\u00fe upload " + KEY + " \u00c3").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> response = Http.sendBytes(request(proxy.baseUrl() + "/binary", body, "application/octet-stream", null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsExactly(0, 0xff - 256, 0xfe - 256, 1, 2, 3);
        assertThat(fixtures.resolve("default.json")).doesNotExist();
        assertThat(proxy.stats().total()).containsEntry(Outcome.SECRET_BLOCKED, 1L);
        assertThat(log.text()).contains("ERROR", "not recorded: POST /binary", "OpenAI API key at /request/body_base64")
                .doesNotContain(KEY);
    }

    @Test
    void aGzipRequestBodyCarryingAKeyIsNotWrittenButAnswered() throws IOException {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        byte[] body = gzip(("{\"prompt\": \"hi\", \"api_key\": \"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = Http.sendBytes(request(proxy.baseUrl() + "/binary", body, "application/json", "gzip"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.seen().get(0).headers().get("Content-encoding")).containsExactly("gzip");
        assertThat(fixtures.resolve("default.json")).doesNotExist();
        assertThat(proxy.stats().total()).containsEntry(Outcome.SECRET_BLOCKED, 1L);
        assertThat(log.text()).contains("OpenAI API key at /request/body_base64 (gzip-decoded)");
    }

    @Test
    void theErrorLineOfABlockedRecordingMasksTheKeyInItsPath() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> response = Http.get(proxy.baseUrl() + "/v1/files/" + KEY + "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(proxy.stats().total()).containsEntry(Outcome.SECRET_BLOCKED, 1L);
        assertThat(log.text()).contains("not recorded: GET /v1/files/" + MASKED + "/health").doesNotContain(KEY);
    }

    @Test
    void aMissCarryingAKeyIsMaskedInThe404TheWarnLineTheReportAndTheReportFile() throws Exception {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"hi\", \"note\": \"x\"}");
        recorder.close();
        Path reportFile = fixtures.resolveSibling(fixtures.getFileName() + "-report.json");
        VcrProxyServer replayer = proxy(Mode.REPLAY, b -> b.reportFile(reportFile));

        String longPrompt = "a".repeat(100) + " " + KEY + " and more text after the key";
        HttpResponse<String> miss = Http.post(replayer.baseUrl() + "/generate",
                "{\"prompt\": \"" + longPrompt + "\", \"note\": \"" + KEY + "\"}");
        HttpResponse<String> pathMiss = Http.get(replayer.baseUrl() + "/v1/files/" + KEY);

        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).doesNotContain(KEY, "sk-proj-Abc123d").contains(MASKED);
        JsonNode differences = json(miss.body()).at("/error/closest/differences");
        assertThat(differences.findValuesAsText("actual")).contains(MASKED);
        assertThat(pathMiss.statusCode()).isEqualTo(404);
        assertThat(pathMiss.body()).doesNotContain(KEY).contains("/v1/files/" + MASKED);
        assertThat(log.text()).contains("WARN", "no recording in cassette 'default'", MASKED).doesNotContain(KEY);

        String report = Http.get(replayer.baseUrl() + "/__vcr/report").body();
        assertThat(report).contains(MASKED).doesNotContain(KEY);
        replayer.close();
        String written = Files.readString(reportFile);
        assertThat(written).contains(MASKED, "/v1/files/").doesNotContain(KEY);
        Files.delete(reportFile);
    }

    @Test
    void aCassetteNamedLikeAKeyIsNeverWrittenAndMaskedInStatsMetricsAndReport() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> answered = Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"hi\"}", "X-Vcr-Cassette", KEY);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(fixtures.resolve(KEY + ".json")).doesNotExist();
        assertThat(recorder.stats().total()).containsEntry(Outcome.SECRET_BLOCKED, 1L);

        VcrProxyServer replayer = offlineProxy();
        assertThat(Http.post(replayer.baseUrl() + "/generate", "{\"prompt\": \"hi\"}", "X-Vcr-Cassette", KEY).statusCode()).isEqualTo(404);
        for (String admin : new String[] {"/__vcr/stats", "/__vcr/metrics", "/__vcr/report"}) {
            String text = Http.get(replayer.baseUrl() + admin).body();
            assertThat(text).as(admin).contains(MASKED).doesNotContain(KEY);
        }
        assertThat(Http.get(replayer.baseUrl() + "/__vcr/metrics").body())
                .contains("vcr_cassette_requests_total{cassette=\"" + MASKED + "\",outcome=\"misses\"} 1");
        assertThat(log.text()).doesNotContain(KEY);
    }

    @Test
    void credentialQueryParametersOfAnyCaseAreStoredRedactedAndLeftOutOfMatching() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        String first = "/generate?api-key=one1&apikey=two2&X-Amz-Signature=f00d&Sig=s1&signature=s2&X-Amz-Security-Token=t1&model=m1";
        String second = "/generate?api-key=ONE&apikey=TWO&X-Amz-Signature=beef&Sig=s9&signature=s8&X-Amz-Security-Token=t2&model=m1";
        assertThat(Http.post(proxy.baseUrl() + first, "{\"prompt\": \"hi\"}").headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        HttpResponse<String> again = Http.post(proxy.baseUrl() + second, "{\"prompt\": \"hi\"}");

        assertThat(again.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        JsonNode query = cassetteFile("default").at("/interactions/0/request/query");
        for (String name : new String[] {"api-key", "apikey", "X-Amz-Signature", "Sig", "signature", "X-Amz-Security-Token"}) {
            assertThat(query.get(name).asText()).as(name).isEqualTo("<redacted>");
        }
        assertThat(query.get("model").asText()).isEqualTo("m1");
        assertThat(upstream.seen().get(0).uri()).contains("X-Amz-Signature=f00d"); // forwarded as sent
    }

    @Test
    void aMissOnACredentialQueryValueShowsItRedactedLikeKey() {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING);
        Http.post(recorder.baseUrl() + "/generate?sig=abc&model=m1", "{\"prompt\": \"hi\"}");
        recorder.close();
        HttpResponse<String> miss = Http.post(offlineProxy().baseUrl() + "/generate?sig=xyz-secret&model=m2", "{\"prompt\": \"hi\"}");

        assertThat(miss.statusCode()).isEqualTo(404);
        JsonNode differences = json(miss.body()).at("/error/closest/differences");
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).get("pointer").asText()).isEqualTo("/model");
        assertThat(miss.body()).doesNotContain("xyz-secret");
    }

    @Test
    void aCredentialQueryValueAnOlderCassetteHoldsInTheClearIsNeverShown() throws IOException {
        Files.writeString(fixtures.resolve("default.json"), """
                {"format": 1, "name": "default", "interactions": [{"key": "%s", "seq": 0, "recorded_at": "2026-11-24T10:15:02Z",
                 "duration_ms": 5, "request": {"method": "POST", "route": "/", "path": "/generate",
                 "query": {"Signature": "legacy-secret-value", "model": "m1"}, "headers": {}, "body": {"prompt": "hi"}},
                 "response": {"status": 200, "headers": {}, "body": {"ok": true}}}]}
                """.formatted("0".repeat(64)));
        HttpResponse<String> miss = Http.post(offlineProxy().baseUrl() + "/generate?Signature=new-value&model=m1", "{\"prompt\": \"hi\"}");

        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).doesNotContain("legacy-secret-value", "new-value").contains("re-record it");
        assertThat(json(miss.body()).at("/error/closest/request/query/model").asText()).isEqualTo("m1");
        assertThat(log.text()).doesNotContain("legacy-secret-value");
    }

    private static HttpRequest request(String url, byte[] body, String contentType, String contentEncoding) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            builder.header("Content-Encoding", contentEncoding);
        }
        return builder.build();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
