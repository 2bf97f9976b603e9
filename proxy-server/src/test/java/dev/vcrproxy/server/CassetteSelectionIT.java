package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CassetteSelectionIT extends ProxyTestSupport {

    @Test
    void headerPathPrefixAndDefaultEachPickTheirCassette() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.defaultCassette("fallback"));
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"h\"}", "X-Vcr-Cassette", "suite/by_header");
        Http.post(proxy.baseUrl() + "/__cassette/by_path/generate", "{\"prompt\": \"p\"}");
        Http.post(proxy.baseUrl() + "/__cassette/suite%2Fnested/generate", "{\"prompt\": \"n\"}");
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"d\"}");

        assertThat(cassetteFile("suite/by_header").at("/interactions/0/request/body/prompt").asText()).isEqualTo("h");
        assertThat(cassetteFile("by_path").at("/interactions/0/request/path").asText()).isEqualTo("/generate");
        assertThat(cassetteFile("suite/nested").at("/interactions/0/request/body/prompt").asText()).isEqualTo("n");
        assertThat(cassetteFile("fallback").at("/interactions/0/request/body/prompt").asText()).isEqualTo("d");
        assertThat(upstream.seen()).extracting(dev.vcrproxy.testing.StandInUpstream.Seen::uri).containsOnly("/generate");
        assertThat(upstream.seen()).allSatisfy(s -> assertThat(s.headers().keySet())
                .noneMatch(h -> h.equalsIgnoreCase("X-Vcr-Cassette")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../../etc/passwd", "a//b", "bad name", "semi;colon", "/abs", "x/./y"})
    void badNamesGet400AndTouchNothing(String name) throws IOException {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        HttpResponse<String> byHeader = Http.post(proxy.baseUrl() + "/generate", "{}", "X-Vcr-Cassette", name);
        HttpResponse<String> byPath = Http.post(proxy.baseUrl() + "/__cassette/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/generate", "{}");
        for (HttpResponse<String> response : List.of(byHeader, byPath)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("error");
            JsonNode error = json(response.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("vcr_invalid_cassette");
            assertThat(error.get("message").asText()).contains("invalid cassette name");
        }
        assertThat(upstream.calls()).isZero();
        try (Stream<java.nio.file.Path> files = Files.walk(fixtures)) {
            assertThat(files.filter(p -> p.toString().endsWith(".json"))).isEmpty();
        }
    }

    @Test
    void concurrentRecordingsToOneCassetteAreAllStored() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        upstream.delayMs(20);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String body = "{\"prompt\": \"concurrent " + i + "\"}";
            calls.add(CompletableFuture.supplyAsync(() -> Http.post(proxy.baseUrl() + "/generate", body, "X-Vcr-Cassette", "burst"), clients));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get().statusCode()).isEqualTo(200);
        }
        clients.shutdown();
        JsonNode interactions = cassetteFile("burst").get("interactions");
        assertThat(interactions).hasSize(48);
        List<String> prompts = new ArrayList<>();
        interactions.forEach(i -> prompts.add(i.at("/request/body/prompt").asText()));
        assertThat(prompts).doesNotHaveDuplicates().hasSize(48);
        try (Stream<java.nio.file.Path> files = Files.list(fixtures)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("burst.json");
        }
    }
}
