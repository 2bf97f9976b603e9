package dev.vcrproxy.server;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.faults.FaultOptions;
import dev.vcrproxy.faults.FaultRule;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.CapturedLogs;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.vcrproxy.server.FaultCassettes.CHAT;
import static dev.vcrproxy.server.FaultCassettes.CHAT_PATH;
import static dev.vcrproxy.server.FaultCassettes.GENERATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults on replay, seen by real clients: the JDK HttpClient reading streams, and raw sockets for the framing. */
class FaultInjectionIT extends ProxyTestSupport {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String TEXT = String.join("", FaultCassettes.DELTAS);

    @BeforeEach
    void cassette() {
        FaultCassettes.write(fixtures, "default");
    }

    VcrProxyServer replay(long seed, String... rules) {
        List<FaultRule> parsed = new ArrayList<>();
        for (String rule : rules) {
            parsed.add(FaultRule.parse(rule));
        }
        return proxy(Mode.REPLAY, b -> b.faults(new FaultOptions(parsed, seed, Set.of())));
    }

    /** The stream as a client reads it line by line, decoding UTF-8 as bytes arrive. */
    static HttpResponse<List<String>> chat(VcrProxyServer proxy, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.baseUrl() + CHAT_PATH))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<Stream<String>> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        List<String> lines;
        try (Stream<String> body = response.body()) {
            lines = body.collect(Collectors.toList());
        }
        return new Materialized<>(response, lines);
    }

    /** What a chat client shows: the content deltas of the data events, joined. */
    static String content(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                out.append(json(line.substring(6)).at("/choices/0/delta/content").asText());
            }
        }
        return out.toString();
    }

    @Test
    void rechunkOneAndSevenGiveTheSameContentAsACleanReplay() throws Exception {
        VcrProxyServer proxy = replay(1);
        HttpResponse<List<String>> clean = chat(proxy);
        assertThat(clean.headers().firstValue("X-Vcr-Fault")).isEmpty();
        assertThat(content(clean.body())).isEqualTo(TEXT);
        for (String rule : List.of("rechunk:1@times=2", "rechunk:7@times=2")) {
            HttpResponse<List<String>> rechunked = chat(proxy, "X-Vcr-Fault", rule);
            assertThat(rechunked.statusCode()).isEqualTo(200);
            assertThat(rechunked.headers().firstValue("X-Vcr-Fault")).hasValue(rule);
            assertThat(rechunked.headers().firstValue("X-Vcr-Result")).hasValue("hit");
            assertThat(rechunked.body()).isEqualTo(clean.body());
            assertThat(content(rechunked.body())).isEqualTo(TEXT);
        }
        // on the wire (the second use of each rule): every chunk N bytes (the last may be shorter), the same
        // bytes as a clean replay, and a final chunk
        for (int n : new int[] {1, 7}) {
            RawHttp raw = RawHttp.post(proxy.boundPort(), CHAT_PATH, CHAT, "X-Vcr-Fault: rechunk:" + n + "@times=2");
            assertThat(raw.bodyText()).isEqualTo(FaultCassettes.chatStream());
            assertThat(raw.chunkSizes().subList(0, raw.chunkSizes().size() - 1)).containsOnly(n);
            assertThat(raw.lastChunk()).isTrue();
        }
        assertThat(RawHttp.post(proxy.boundPort(), CHAT_PATH, CHAT).chunkSizes()).hasSize(FaultCassettes.events().size());
    }

    @Test
    void status429TimesTwoGivesTwo429sWithRetryAfterThenTheHit() throws Exception {
        VcrProxyServer proxy = replay(1);
        for (int i = 0; i < 2; i++) {
            HttpResponse<List<String>> limited = chat(proxy, "X-Vcr-Fault", "status:429@times=2");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.headers().firstValue("X-Vcr-Fault")).hasValue("status:429@times=2");
            JsonNode error = json(String.join("\n", limited.body()));
            assertThat(error.at("/error/code").asText()).isEqualTo("rate_limit_exceeded"); // OpenAI's shape, by the path
            assertThat(error.at("/error/message").asText()).contains("status:429@times=2");
        }
        HttpResponse<List<String>> third = chat(proxy, "X-Vcr-Fault", "status:429@times=2");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.headers().firstValue("X-Vcr-Fault")).isEmpty();
        assertThat(content(third.body())).isEqualTo(TEXT);

        JsonNode stats = json(Http.get(proxy.baseUrl() + "/__vcr/stats").body());
        assertThat(stats.get("faults").asInt()).isEqualTo(2);
        assertThat(stats.get("hits").asInt()).isEqualTo(3);
        assertThat(stats.at("/cassettes/default/faults").asInt()).isEqualTo(2);
        JsonNode report = json(Http.get(proxy.baseUrl() + "/__vcr/report").body());
        assertThat(report.get("faults")).hasSize(2);
        assertThat(report.at("/faults/0/rules").asText()).isEqualTo("status:429@times=2");
        assertThat(report.at("/faults/0/request").asText()).isEqualTo("POST " + CHAT_PATH);
        assertThat(report.at("/faults/0/cassette").asText()).isEqualTo("default");
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/metrics").body()).contains("vcr_faults_total{cassette=\"default\"} 2");
        try (CapturedLogs logs = new CapturedLogs(VcrProxyServer.class.getName(), Level.INFO, true)) {
            proxy.close();
            assertThat(logs.lines(Level.INFO)).anyMatch(l -> l.startsWith("INFO vcr-proxy stopped: hits=3") && l.endsWith(" faults=2"));
        }
    }

    @Test
    void cutFiveEndsTheStreamAfterFiveEventsWithoutAFinalChunk() throws Exception {
        VcrProxyServer proxy = replay(1);
        RawHttp raw = RawHttp.post(proxy.boundPort(), CHAT_PATH, CHAT, "X-Vcr-Fault: cut:5@times=2");
        assertThat(raw.header("X-Vcr-Fault")).isEqualTo("cut:5@times=2");
        assertThat(raw.lastChunk()).isFalse();
        String firstFive = FaultCassettes.events().subList(0, 5).stream()
                .map(e -> new String(e.wireBytes(), StandardCharsets.UTF_8)).collect(Collectors.joining());
        assertThat(raw.bodyText()).isEqualTo(firstFive);
        // the JDK client reads the five events, then fails as on a dropped connection
        assertThatThrownBy(() -> chat(proxy, "X-Vcr-Fault", "cut:5@times=2")).satisfiesAnyOf(
                e -> assertThat(e).isInstanceOf(IOException.class),
                e -> assertThat(e).hasRootCauseInstanceOf(IOException.class));
        // a whole JSON body is cut after half its bytes, short of its Content-Length
        RawHttp body = RawHttp.post(proxy.boundPort(), "/generate", GENERATE, "X-Vcr-Fault: cut:1");
        assertThat(body.body().length).isEqualTo(Integer.parseInt(body.header("Content-Length")) / 2);
    }

    @Test
    void dropDoneLeavesOutTheFinalDoneAndDelayStillSendsTheRecording() throws Exception {
        VcrProxyServer proxy = replay(1);
        HttpResponse<List<String>> dropped = chat(proxy, "X-Vcr-Fault", "drop-done");
        assertThat(dropped.body()).doesNotContain("data: [DONE]");
        assertThat(content(dropped.body())).isEqualTo(TEXT);
        HttpResponse<List<String>> delayed = chat(proxy, "X-Vcr-Fault", "delay:100ms");
        assertThat(delayed.headers().firstValue("X-Vcr-Fault")).hasValue("delay:100ms");
        assertThat(delayed.body()).contains("data: [DONE]");
    }

    @Test
    void delayHoldsTheFirstByte() throws Exception {
        VcrProxyServer proxy = replay(1);
        try (Socket socket = new Socket("127.0.0.1", proxy.boundPort())) {
            byte[] body = GENERATE.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST /generate HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Vcr-Fault: delay:2s\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.setSoTimeout(300); // well inside the delay: not a byte yet, however slow the machine
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            socket.setSoTimeout(30_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("X-Vcr-Fault: delay:2s");
            assertThat(json(answer.substring(answer.indexOf("\r\n\r\n") + 4))).isEqualTo(json(FaultCassettes.GENERATED));
        }
    }

    @Test
    void rateWithOneSeedFaultsTheSameRequestsInTwoRuns() throws Exception {
        List<Integer> first = rateRun(42);
        List<Integer> second = rateRun(42);
        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 500); // some of each
        assertThat(rateRun(43)).isNotEqualTo(first);
    }

    private List<Integer> rateRun(long seed) {
        VcrProxyServer proxy = replay(seed, "status:500@rate=0.5");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            statuses.add(Http.post(proxy.baseUrl() + "/generate", GENERATE).statusCode());
        }
        proxy.close();
        return statuses;
    }

    @Test
    void aForwardedCallNeverSeesAFault() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.faults(new FaultOptions(
                List.of(FaultRule.parse("status:503@times=3")), 1, Set.of())));
        HttpResponse<String> recorded = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"new\"}", "X-Vcr-Fault", "status:500");
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(recorded.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(recorded.headers().firstValue("X-Vcr-Fault")).isEmpty();
        assertThat(upstream.seen()).hasSize(1);
        assertThat(upstream.seen().get(0).headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Vcr-Fault"));
        // the same request, now a hit, gets both rules
        HttpResponse<String> hit = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"new\"}", "X-Vcr-Fault", "status:500");
        assertThat(hit.statusCode()).isEqualTo(500);
        assertThat(hit.headers().firstValue("X-Vcr-Fault")).hasValue("status:500, status:503@times=3");
        assertThat(json(hit.body()).at("/error/type").asText()).isEqualTo("vcr_fault"); // no preset, no known path

        Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"passthrough\"}");
        HttpResponse<String> passed = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"new\"}", "X-Vcr-Fault", "status:500@rate=1");
        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(passed.headers().firstValue("X-Vcr-Fault")).isEmpty();
        assertThat(upstream.seen()).hasSize(2);
        assertThat(json(Http.get(proxy.baseUrl() + "/__vcr/stats").body()).get("faults").asInt()).isEqualTo(1);
    }

    @Test
    void adminRulesAreSetReadAndClearedAndBadRulesAre400() throws Exception {
        VcrProxyServer proxy = proxy(Mode.REPLAY, b -> b.adminToken("tok"));
        String url = proxy.baseUrl() + "/__vcr/faults";
        String rules = "{\"rules\": [\"status:503@n=2\", \"rechunk:3\"], \"seed\": 9}";
        assertThat(Http.put(url, rules).statusCode()).isEqualTo(401);
        HttpResponse<String> set = Http.put(url, rules, "Authorization", "Bearer tok");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(Http.get(url).body())).isEqualTo(json("{\"rules\": [\"status:503@n=2\", \"rechunk:3\"], \"seed\": 9, \"flag_rules\": []}"));

        HttpResponse<List<String>> first = chat(proxy);
        assertThat(first.headers().firstValue("X-Vcr-Fault")).hasValue("rechunk:3");
        assertThat(content(first.body())).isEqualTo(TEXT);
        HttpResponse<List<String>> second = chat(proxy);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");

        HttpResponse<String> bad = Http.put(url, "{\"rules\": [\"status:2xx\"]}", "Authorization", "Bearer tok");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).at("/error/type").asText()).isEqualTo("vcr_invalid_fault");
        assertThat(json(bad.body()).at("/error/message").asText()).contains("'status:2xx'", "KIND[:ARG][@WHEN]");

        HttpRequest delete = HttpRequest.newBuilder(URI.create(url)).DELETE().header("Authorization", "Bearer tok").build();
        assertThat(json(Http.send(delete).body()).get("rules")).isEmpty();
        assertThat(chat(proxy).headers().firstValue("X-Vcr-Fault")).isEmpty();

        HttpResponse<String> badHeader = Http.post(proxy.baseUrl() + CHAT_PATH, CHAT, "X-Vcr-Fault", "rechunk:0");
        assertThat(badHeader.statusCode()).isEqualTo(400);
        assertThat(json(badHeader.body()).at("/error/type").asText()).isEqualTo("vcr_invalid_fault");
        assertThat(json(badHeader.body()).at("/error/message").asText()).contains("'rechunk:0'", "KIND[:ARG][@WHEN]");
    }

    /** An HttpResponse whose body was read into a value. */
    private record Materialized<T>(HttpResponse<?> response, T body) implements HttpResponse<T> {
        public int statusCode() {
            return response.statusCode();
        }

        public HttpRequest request() {
            return response.request();
        }

        public java.util.Optional<HttpResponse<T>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        public URI uri() {
            return response.uri();
        }

        public HttpClient.Version version() {
            return response.version();
        }
    }
}
