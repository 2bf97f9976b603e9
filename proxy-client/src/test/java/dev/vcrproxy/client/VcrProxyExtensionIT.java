package dev.vcrproxy.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension as a user's suite would use it, with the real proxy jar started once for the run
 * (failsafe sets vcr.proxy.jar, vcr.proxy.mode=record-missing and vcr.proxy.fixtures); the tests
 * run concurrently, each in its own cassette.
 */
@VcrCassette
@Execution(ExecutionMode.CONCURRENT)
class VcrProxyExtensionIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StandIn upstream;
    private static Path fixtures;

    @BeforeAll
    static void startUpstream() throws IOException {
        fixtures = Path.of(System.getProperty("vcr.proxy.fixtures"));
        if (Files.exists(fixtures)) {
            try (Stream<Path> files = Files.walk(fixtures)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        upstream = StandIn.shared();
    }

    static HttpResponse<String> post(VcrTestProxy proxy, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(proxy.uri("/generate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode cassette(String name) throws IOException {
        return new ObjectMapper().readTree(fixtures.resolve(name + ".json").toFile());
    }

    @Test
    void recordsIntoACassetteNamedAfterClassAndMethod(VcrTestProxy proxy) throws Exception {
        assertThat(proxy.cassette()).isEqualTo("VcrProxyExtensionIT/recordsIntoACassetteNamedAfterClassAndMethod");
        HttpResponse<String> response = post(proxy, "{\"prompt\": \"default name\"}");
        assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(cassette(proxy.cassette()).at("/interactions/0/request/body/prompt").asText()).isEqualTo("default name");
        assertThat(post(proxy, "{\"prompt\": \"default name\"}").headers().firstValue("X-Vcr-Result")).hasValue("hit");
    }

    @Test
    @VcrCassette("explicit/name")
    void aMethodAnnotationNamesTheCassette(VcrTestProxy proxy) throws Exception {
        assertThat(proxy.cassette()).isEqualTo("explicit/name");
        assertThat(proxy.baseUri().toString()).endsWith("/__cassette/explicit%2Fname");
        post(proxy, "{\"prompt\": \"explicit\"}");
        assertThat(cassette("explicit/name").get("interactions")).hasSize(1);
    }

    @Test
    void parallelTestOne(VcrTestProxy proxy) throws Exception {
        recordsOnlyItsOwn(proxy, "one");
    }

    @Test
    void parallelTestTwo(VcrTestProxy proxy) throws Exception {
        recordsOnlyItsOwn(proxy, "two");
    }

    @Test
    void parallelTestThree(VcrTestProxy proxy) throws Exception {
        recordsOnlyItsOwn(proxy, "three");
    }

    private static void recordsOnlyItsOwn(VcrTestProxy proxy, String prompt) throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post(proxy, "{\"prompt\": \"" + prompt + " " + i + "\"}").statusCode()).isEqualTo(200);
        }
        JsonNode interactions = cassette(proxy.cassette()).get("interactions");
        assertThat(interactions).hasSize(5);
        interactions.forEach(i -> assertThat(i.at("/request/body/prompt").asText()).startsWith(prompt + " "));
        assertThat(proxy.client().stats().cassette(proxy.cassette()).recorded()).isEqualTo(5);
    }
}
