package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.sse.ReplayTiming;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.StreamingUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-sent event streams: relayed live while recording, replayed as the same events. */
class StreamingIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String CHAT = "{\"model\": \"gpt-x\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    @TempDir
    Path fixtures;
    StreamingUpstream upstream;
    final List<VcrProxyServer> proxies = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = new StreamingUpstream();
    }

    @AfterEach
    void stop() {
        proxies.forEach(VcrProxyServer::close);
        upstream.close();
    }

    VcrProxyServer proxy(Mode mode, Consumer<ProxyConfig.Builder> customize) throws InterruptedException {
        ProxyConfig.Builder builder = ProxyConfig.builder().port(0).fixtures(fixtures).mode(mode).upstream(upstream.uri().toString());
        customize.accept(builder);
        VcrProxyServer proxy = VcrProxyServer.start(builder.build());
        proxies.add(proxy);
        return proxy;
    }

    static HttpResponse<InputStream> open(String url, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void theFirstEventReachesTheClientBeforeTheUpstreamFinishesThenReplaysIdentically() throws Exception {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        HttpResponse<InputStream> live = open(recorder.baseUrl() + "/v1/chat/completions", CHAT);
        assertThat(live.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(live.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        StringBuilder recorded = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            assertThat(first).isEqualTo(StreamingUpstream.OPENAI_EVENTS.get(0).split("\n")[0]);
            upstream.releaseRest(); // the upstream holds the rest of its stream until the client saw the first event
            recorded.append(first).append('\n');
            reader.lines().forEach(line -> recorded.append(line).append('\n'));
        }
        assertThat(upstream.restWasReleasedByClient()).isTrue();
        assertThat(recorded.toString()).isEqualTo(String.join("", StreamingUpstream.OPENAI_EVENTS));
        JsonNode interaction = new ObjectMapper().readTree(fixtures.resolve("default.json").toFile()).at("/interactions/0");
        assertThat(interaction.at("/response/events")).hasSize(5);
        assertThat(interaction.at("/response/events/4/data").asText()).isEqualTo("[DONE]");
        assertThat(interaction.at("/response/body").isMissingNode()).isTrue();
        recorder.close();
        upstream.close();

        VcrProxyServer replayer = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).build());
        proxies.add(replayer);
        HttpResponse<String> replayed = Http.post(replayer.baseUrl() + "/v1/chat/completions", CHAT);
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(replayed.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(replayed.body()).isEqualTo(recorded.toString());
    }

    @Test
    void anthropicStyleEventLinesReplayByteForByte() throws Exception {
        upstream.holdAfterFirst(false);
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        String live = Http.post(recorder.baseUrl() + "/v1/messages", "{\"stream\": true}").body();
        assertThat(live).isEqualTo(String.join("", StreamingUpstream.ANTHROPIC_EVENTS));
        recorder.close();
        VcrProxyServer replayer = proxy(Mode.REPLAY, b -> {
        });
        assertThat(Http.post(replayer.baseUrl() + "/v1/messages", "{\"stream\": true}").body()).isEqualTo(live);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void replayTimingNoneRecordedAndScaled() throws Exception {
        upstream.holdAfterFirst(false);
        upstream.gapMs(150);
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        Http.post(recorder.baseUrl() + "/v1/chat/completions", CHAT);
        recorder.close();
        JsonNode events = new ObjectMapper().readTree(fixtures.resolve("default.json").toFile()).at("/interactions/0/response/events");
        long recordedSpan = events.get(4).get("t_ms").asLong();
        assertThat(recordedSpan).isGreaterThanOrEqualTo(4 * 150 - 20);

        long recordedMs = timeReplay(ReplayTiming.RECORDED);
        long scaledMs = timeReplay(ReplayTiming.parse("scale=0.5"));
        long noneMs = timeReplay(ReplayTiming.NONE);
        assertThat(recordedMs).isGreaterThanOrEqualTo(recordedSpan - 20);
        assertThat(scaledMs).isGreaterThanOrEqualTo(recordedSpan / 2 - 20);
        assertThat(noneMs).isLessThan(recordedMs);
    }

    private long timeReplay(ReplayTiming timing) throws InterruptedException {
        VcrProxyServer replayer = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).replayTiming(timing).build());
        proxies.add(replayer);
        long start = System.nanoTime();
        HttpResponse<String> response = Http.post(replayer.baseUrl() + "/v1/chat/completions", CHAT);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.body()).isEqualTo(String.join("", StreamingUpstream.OPENAI_EVENTS));
        return elapsed;
    }

    @Test
    void aClientThatLeavesMidStreamStillGetsTheWholeAnswerRecordedAndCounted() throws Exception {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        HttpResponse<InputStream> live = open(recorder.baseUrl() + "/v1/chat/completions", CHAT);
        InputStream body = live.body();
        assertThat(body.read()).isEqualTo('d');
        body.close();
        upstream.releaseRest();
        JsonNode stats = awaitRecorded(recorder, 1);
        assertThat(stats.at("/cassettes/default/recorded").asInt()).isEqualTo(1);
        // the proxy keeps serving, and the cassette holds the whole answer
        upstream.holdAfterFirst(false);
        String next = Http.post(recorder.baseUrl() + "/v1/messages", "{}").body();
        assertThat(next).endsWith("data: {\"type\":\"message_stop\"}\n\n");
        recorder.close();
        JsonNode cassette = new ObjectMapper().readTree(fixtures.resolve("default.json").toFile());
        assertThat(cassette.get("interactions")).hasSize(2);
        for (JsonNode interaction : cassette.get("interactions")) {
            JsonNode events = interaction.at("/response/events");
            assertThat(events.get(events.size() - 1).get("data").asText()).isIn("[DONE]", "{\"type\":\"message_stop\"}");
        }
        try (Stream<Path> files = Files.list(fixtures)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("default.json");
        }
    }

    /** What openai-python does: read up to {@code data: [DONE]}, then close before the chunked body's last chunk. */
    @Test
    void aClientThatClosesAtDoneBeforeTheLastChunkGetsItsStreamRecorded() throws Exception {
        upstream.holdAfterFirst(false);
        upstream.lingerBeforeEndMs(300);
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        try (Socket socket = new Socket("127.0.0.1", recorder.boundPort())) {
            byte[] body = CHAT.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null && !line.equals("data: [DONE]")) {
                // read until the last event, as the SDK does
            }
            assertThat(line).isEqualTo("data: [DONE]");
        }
        JsonNode stats = awaitRecorded(recorder, 1);
        assertThat(stats.at("/cassettes/default/recorded").asInt()).isEqualTo(1);
        recorder.close();
        upstream.close();

        VcrProxyServer replayer = proxy(Mode.REPLAY, b -> {
        });
        HttpResponse<String> replayed = Http.post(replayer.baseUrl() + "/v1/chat/completions", CHAT);
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(replayed.body()).isEqualTo(String.join("", StreamingUpstream.OPENAI_EVENTS));
    }

    private static JsonNode awaitRecorded(VcrProxyServer proxy, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode stats;
        do {
            stats = new ObjectMapper().readTree(Http.get(proxy.baseUrl() + "/__vcr/stats").body());
            if (stats.get("recorded").asInt() >= count) {
                return stats;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not recorded within 10 s: " + stats);
    }

    @Test
    void geminiCrLfStreamsReplayByteForByte() throws Exception {
        upstream.holdAfterFirst(false);
        String url = "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse";
        String request = "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"hi\"}]}]}";
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        String live = Http.post(recorder.baseUrl() + url, request).body();
        assertThat(live).isEqualTo(String.join("", StreamingUpstream.GEMINI_EVENTS));
        recorder.close();
        JsonNode response = new ObjectMapper().readTree(fixtures.resolve("default.json").toFile()).at("/interactions/0/response");
        assertThat(response.get("line_end").asText()).isEqualTo("\r\n");
        VcrProxyServer replayer = proxy(Mode.REPLAY, b -> {
        });
        HttpResponse<byte[]> replayed = CLIENT.send(HttpRequest.newBuilder(URI.create(replayer.baseUrl() + url))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(replayed.body()).isEqualTo(live.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void gzipUpstreamBodiesAreStoredDecodedAndServedPlain() throws Exception {
        VcrProxyServer recorder = proxy(Mode.RECORD_MISSING, b -> {
        });
        HttpResponse<String> live = Http.post(recorder.baseUrl() + "/gzip", "{}");
        assertThat(live.headers().firstValue("content-encoding")).isEmpty();
        assertThat(live.body()).isEqualTo("{\"answer\": \"compressed but readable\", \"tokens_used\": 5}");
        JsonNode interaction = new ObjectMapper().readTree(fixtures.resolve("default.json").toFile()).at("/interactions/0");
        assertThat(interaction.at("/response/body/answer").asText()).isEqualTo("compressed but readable");
        assertThat(interaction.at("/response/headers/content-encoding").isMissingNode()).isTrue();
    }
}
