package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A running proxy and its fixtures folder changed under it: edits count, bad files and paths out are refused. */
class DiskEditsIT extends ProxyTestSupport {
    private static final String ALPHA = "{\"prompt\": \"alpha\"}";
    private static final String BETA = "{\"prompt\": \"beta\"}";

    @TempDir
    Path outside;

    /** Longer than the interval at which a replay looks at the file again. */
    private static void pause() throws InterruptedException {
        Thread.sleep(50);
    }

    private static JsonNode error(HttpResponse<String> response) {
        return json(response.body()).get("error");
    }

    @Test
    void anEditOnDiskIsReplayedAndKeptByTheNextRecording() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        assertThat(Http.post(proxy.baseUrl() + "/generate", ALPHA).headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        JsonNode cassette = cassetteFile("default");
        ((ObjectNode) cassette.at("/interactions/0/response/body/ir_json")).put("echo", "edited by hand");
        Files.writeString(fixtures.resolve("default.json"), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(cassette));
        pause();

        HttpResponse<String> replayed = Http.post(proxy.baseUrl() + "/generate", ALPHA);
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(json(replayed.body()).at("/ir_json/echo").asText()).isEqualTo("edited by hand");

        assertThat(Http.post(proxy.baseUrl() + "/generate", BETA).headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        JsonNode after = cassetteFile("default");
        assertThat(after.get("interactions")).hasSize(2);
        assertThat(after.findValuesAsText("echo")).containsExactlyInAnyOrder("edited by hand", "beta");
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void aTruncatedCassetteIs500AndIsNeverOverwritten() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", ALPHA);
        Path file = fixtures.resolve("default.json");
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(file), 60);
        Files.write(file, truncated);
        pause();

        for (String prompt : new String[] {ALPHA, BETA}) {
            HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", prompt);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(error(response).get("type").asText()).isEqualTo("vcr_bad_cassette");
            assertThat(error(response).get("message").asText()).contains("default.json");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(truncated);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    /** The file goes bad while the upstream is still answering: the held answer becomes the refusal. */
    @Test
    void aCassetteTruncatedDuringTheUpstreamCallIs500AndIsNeverOverwritten() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", ALPHA);
        Path file = fixtures.resolve("default.json");
        byte[] truncated = Arrays.copyOf(Files.readAllBytes(file), 60);
        upstream.delayMs(1_000);

        var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> Http.post(proxy.baseUrl() + "/generate", BETA));
        while (upstream.calls() < 2) {
            Thread.sleep(5);
        }
        Files.write(file, truncated);
        HttpResponse<String> response = pending.get();

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(error(response).get("type").asText()).isEqualTo("vcr_bad_cassette");
        assertThat(error(response).get("message").asText()).contains("default.json").contains("not recorded");
        assertThat(Files.readAllBytes(file)).isEqualTo(truncated);
    }

    @Test
    void aFolderLinkOutOfTheFixturesIs400AndNothingIsWrittenThere() throws IOException {
        Files.createSymbolicLink(fixtures.resolve("linkdir"), outside);
        VcrProxyServer proxy = proxy(Mode.RECORD);

        HttpResponse<String> viaHeader = Http.post(proxy.baseUrl() + "/generate", ALPHA, "X-Vcr-Cassette", "linkdir/escaped");
        HttpResponse<String> viaPath = Http.post(proxy.baseUrl() + "/__cassette/linkdir%2Fescaped/generate", ALPHA);

        for (HttpResponse<String> response : java.util.List.of(viaHeader, viaPath)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(error(response).get("type").asText()).isEqualTo("vcr_invalid_cassette");
            assertThat(error(response).get("message").asText())
                    .contains("symbolic link 'linkdir'").contains("outside the fixtures folder");
        }
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
        assertThat(upstream.calls()).isZero();
    }

    @Test
    void reservedAndCaseTwinNamesAre400SayingWhy() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", ALPHA);

        HttpResponse<String> twin = Http.post(proxy.baseUrl() + "/generate", ALPHA, "X-Vcr-Cassette", "Default");
        assertThat(twin.statusCode()).isEqualTo(400);
        assertThat(error(twin).get("message").asText()).contains("differs only in case from the existing cassette file 'default.json'");
        HttpResponse<String> device = Http.post(proxy.baseUrl() + "/generate", ALPHA, "X-Vcr-Cassette", "suite/aux.txt");
        assertThat(device.statusCode()).isEqualTo(400);
        assertThat(error(device).get("message").asText()).contains("reserved device name on Windows");
        assertThat(fixtures.resolve("Default.json")).doesNotExist();
        assertThat(upstream.calls()).isEqualTo(1);
    }
}
