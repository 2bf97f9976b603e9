package dev.vcrproxy.cli;

import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What serve makes of the environment a newcomer has: MODAL_ENDPOINT_URL, a missing folder, a project file. */
class ServeStartupIT {
    @TempDir
    Path fixtures;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void modalEndpointUrlWithGenerateIsNotDoubledAndItsHealthIsDerived() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream();
             ProxyProcess proxy = ProxyProcess.start(Map.of("MODAL_ENDPOINT_URL", upstream.uri() + "/generate",
                     "VCR_MODE", "record-missing", "VCR_FIXTURES", fixtures.toString()), "serve", "--port", "0")) {
            HttpResponse<String> generate = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"hi\"}");
            assertThat(generate.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
            assertThat(Http.get(proxy.baseUrl() + "/health").statusCode()).isEqualTo(200);
            assertThat(upstream.seen()).extracting(StandInUpstream.Seen::uri).containsExactly("/generate", "/health");
            assertThat(proxy.terminate()).isZero();
            assertThat(proxy.stderr()).contains("routes from MODAL_ENDPOINT_URL: --route /generate=" + upstream.uri()
                    + "/generate --route /health=" + upstream.uri() + "/health");
        }
    }

    @Test
    void modalEndpointUrlPointingAtTheProxyItselfIsIgnoredInReplay() throws Exception {
        int port = freePort();
        String self = "http://127.0.0.1:" + port + "/generate";
        try (ProxyProcess proxy = ProxyProcess.start(Map.of("MODAL_ENDPOINT_URL", self, "VCR_PORT", String.valueOf(port),
                "VCR_FIXTURES", fixtures.toString()), "serve")) {
            assertThat(proxy.readyLine()).contains("mode=replay");
            assertThat(proxy.stderr()).contains("MODAL_ENDPOINT_URL=" + self + " points at this proxy: ignored");
        }
    }

    @Test
    void anUpstreamThatIsTheProxyItselfIsRefusedWithoutAStoppedLine() throws Exception {
        int port = freePort();
        ProxyProcess.Exit refused = ProxyProcess.run(Map.of("MODAL_ENDPOINT_URL", "http://127.0.0.1:" + port + "/generate",
                "VCR_MODE", "record-missing"), "serve", "--port", String.valueOf(port), "--fixtures", fixtures.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).contains("is this proxy itself").doesNotContain("vcr-proxy stopped");
    }

    @Test
    void aMissingFixturesFolderInReplayIsAWarningNamingIt() throws Exception {
        Path missing = fixtures.resolve("missing");
        try (ProxyProcess proxy = ProxyProcess.start(Map.of(), "serve", "--port", "0", "--fixtures", missing.toString())) {
            assertThat(proxy.stderr()).contains("WARN").contains("fixtures folder " + missing + " does not exist");
        }
        try (ProxyProcess proxy = ProxyProcess.start(Map.of(), "serve", "--port", "0", "--fixtures", fixtures.toString())) {
            assertThat(proxy.stderr()).doesNotContain("does not exist");
        }
    }

    @Test
    void theProjectFileInForceShowsInHealthAndStatus() throws Exception {
        Path file = Files.writeString(fixtures.resolve("vcr-proxy.json"), "{\"presets\": [\"modal\"]}");
        try (ProxyProcess proxy = ProxyProcess.start(Map.of("VCR_ROUTE", "/generate=http://127.0.0.1:9/generate,/health=http://127.0.0.1:9/health"),
                "serve", "--port", "0", "--fixtures", fixtures.toString())) {
            assertThat(Http.get(proxy.baseUrl() + "/__vcr/health").body()).contains("\"project_file\":\"" + file + "\"");
            ProxyProcess.Exit status = ProxyProcess.run(Map.of(), "status", "--admin", proxy.baseUrl());
            assertThat(status.stdout()).contains("project_file=" + file);
        }
        try (ProxyProcess proxy = ProxyProcess.start(Map.of(), "serve", "--port", "0", "--fixtures", fixtures.resolve("none").toString())) {
            assertThat(Http.get(proxy.baseUrl() + "/__vcr/health").body()).doesNotContain("project_file");
        }
    }
}
