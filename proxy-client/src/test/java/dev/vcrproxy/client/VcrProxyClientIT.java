package dev.vcrproxy.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every client call against the real proxy jar, started here with an admin token. */
class VcrProxyClientIT {
    @TempDir
    static Path fixtures;
    static StandIn upstream;
    static ProxyLauncher proxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = new StandIn();
        proxy = ProxyLauncher.start(Path.of(System.getProperty("vcr.proxy.jar")), "replay", fixtures, upstream.url(),
                logFile(), "--admin-token", "tok");
    }

    /** Failsafe's vcr.proxy.log: the proxy's expected WARN lines stay out of the build log. */
    static Path logFile() {
        String log = System.getProperty("vcr.proxy.log");
        return log == null ? null : Path.of(log);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    @Test
    void drivesTheAdminApi() throws Exception {
        VcrProxyClient client = VcrProxyClient.connect(proxy.base()).withToken("tok");
        VcrProxyClient.Health health = client.health();
        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.mode()).isEqualTo(VcrMode.REPLAY);

        assertThat(client.setMode(VcrMode.RECORD_MISSING)).isEqualTo(VcrMode.RECORD_MISSING);
        assertThat(client.mode()).isEqualTo(VcrMode.RECORD_MISSING);
        client.useCassette("client/active");
        assertThat(client.cassette()).isEqualTo("client/active");

        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/generate")).POST(HttpRequest.BodyPublishers.ofString("{\"p\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        client.setMode(VcrMode.REPLAY);
        HttpResponse<String> miss = http.send(HttpRequest.newBuilder(client.cassetteUri("client/active", "/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"p\": 2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(miss.statusCode()).isEqualTo(404);

        HttpResponse<String> hit = http.send(HttpRequest.newBuilder(client.cassetteUri("client/active", "/generate"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"p\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");

        VcrStats stats = client.stats();
        assertThat(stats.total().recorded()).isEqualTo(1);
        assertThat(stats.cassette("client/active").misses()).isEqualTo(1);
        assertThat(stats.total().upstreamCalls()).isEqualTo(1);
        assertThat(stats.total().tokensSpent()).isEqualTo(7);
        assertThat(stats.cassette("client/active").callsSaved()).isEqualTo(1);
        assertThat(stats.cassette("client/active").tokensSaved()).isEqualTo(7);
        assertThat(stats.total().budgetRefusals()).isZero();
        assertThat(client.report().at("/cassettes/client~1active/misses/0/differences/0/pointer").asText()).isEqualTo("/p");
    }

    @Test
    @SuppressWarnings("try") // the switch's work is in switchTo and close; the body only looks
    void recordFixturesSwitchesAProxyToRecordMissingAndPutsItsModeBack() {
        VcrProxyClient client = VcrProxyClient.connect(proxy.base()).withToken("tok");
        client.setMode(VcrMode.REPLAY);
        try (RecordFixtures run = RecordFixtures.switchTo(client)) {
            assertThat(client.mode()).isEqualTo(VcrMode.RECORD_MISSING);
        }
        assertThat(client.mode()).isEqualTo(VcrMode.REPLAY);

        client.setMode(VcrMode.RECORD); // already recording: left alone, and not "restored" to anything else
        try (RecordFixtures run = RecordFixtures.switchTo(client)) {
            assertThat(client.mode()).isEqualTo(VcrMode.RECORD);
        }
        assertThat(client.mode()).isEqualTo(VcrMode.RECORD);
        client.setMode(VcrMode.REPLAY);
    }

    @Test
    void awaitHealthWaitsForAProxyStillStartingAndGivesUpWithAClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        VcrProxyClient client = VcrProxyClient.connect(URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> client.awaitHealth(Duration.ofMillis(300)))
                .isInstanceOfSatisfying(VcrProxyException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("cannot reach vcr-proxy").contains("waited 300 ms");
                });

        Process starting = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("vcr.proxy.jar"), "serve", "--port", String.valueOf(port), "--fixtures", fixtures.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(client.awaitHealth(Duration.ofSeconds(60)).status()).isEqualTo("ok");
        } finally {
            starting.destroy();
            starting.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void failuresAreClearExceptions() throws Exception {
        VcrProxyClient noToken = VcrProxyClient.connect(proxy.base());
        assertThatThrownBy(() -> noToken.setMode(VcrMode.RECORD))
                .isInstanceOfSatisfying(VcrProxyException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.type()).isEqualTo("vcr_unauthorized");
                });
        assertThatThrownBy(() -> noToken.withToken("tok").useCassette("../escape"))
                .isInstanceOfSatisfying(VcrProxyException.class, e -> assertThat(e.type()).isEqualTo("vcr_invalid_cassette"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        VcrProxyClient nowhere = VcrProxyClient.connect(URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(nowhere::health).isInstanceOfSatisfying(VcrProxyException.class, e -> {
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("cannot reach vcr-proxy at http://127.0.0.1:" + port);
        });
    }
}
