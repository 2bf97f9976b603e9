package dev.vcrproxy.server;

import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.LogCapture;
import dev.vcrproxy.testing.StreamingUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A recording that cannot be written is counted and logged, even when its stream already said "recorded". */
class RecordErrorsIT {
    private static final String CHAT = "{\"model\": \"gpt-x\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    @TempDir
    Path fixtures;
    StreamingUpstream upstream;
    VcrProxyServer proxy;
    LogCapture log;

    @BeforeEach
    void start() throws Exception {
        upstream = new StreamingUpstream();
        proxy = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.RECORD_MISSING)
                .upstream(upstream.uri().toString()).build());
        log = LogCapture.start();
    }

    @AfterEach
    void stop() {
        log.close();
        proxy.close();
        upstream.close();
    }

    @Test
    void aStreamThatCannotBeWrittenIsCountedAsARecordErrorAndLogged() throws Exception {
        HttpResponse<InputStream> live = StreamingIT.open(proxy.baseUrl() + "/v1/chat/completions", CHAT);
        assertThat(live.headers().firstValue("X-Vcr-Result")).hasValue("recorded"); // decided before the stream's end
        String body;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            // the cassette file cannot be replaced now: a folder, not empty, has taken its name
            Files.createDirectories(fixtures.resolve("default.json").resolve("blocker"));
            upstream.releaseRest();
            body = first + "\n" + reader.lines().collect(Collectors.joining("\n"));
        }

        assertThat(body).contains("data: [DONE]"); // the client still got the whole answer
        assertThat(Files.isDirectory(fixtures.resolve("default.json"))).isTrue();
        assertThat(proxy.stats().total()).containsEntry(Outcome.RECORD_ERROR, 1L).containsEntry(Outcome.RECORDED, 0L);
        assertThat(log.text()).contains("ERROR", "recording to cassette 'default' failed for POST /v1/chat/completions",
                "already gone out as X-Vcr-Result: recorded");
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/stats").body()).contains("\"record_errors\":1");
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/metrics").body()).contains("vcr_requests_total{outcome=\"record_errors\"} 1");
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/report").body()).contains("\"record_errors\":1");
    }
}
