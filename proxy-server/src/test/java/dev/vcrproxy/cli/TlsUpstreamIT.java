package dev.vcrproxy.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS upstreams through the real jar: a certificate from a private CA is trusted through
 * {@code -Djavax.net.ssl.trustStore}, and a certificate for another host is refused with 502.
 */
class TlsUpstreamIT {
    @TempDir
    static Path dir;
    static TestCa ca;
    static HttpsServer server;
    static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startHttpsUpstream() throws Exception {
        ca = TestCa.create(dir);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ca.serverKeyStore())) {
            keys.load(in, TestCa.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestCa.PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"over\": \"tls\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static ProxyProcess proxy(String upstreamHost, Path fixtures) throws Exception {
        return ProxyProcess.start(Map.of("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + ca.trustStore()
                        + " -Djavax.net.ssl.trustStorePassword=" + TestCa.PASSWORD),
                "serve", "--port", "0", "--mode", "record-missing", "--fixtures", fixtures.toString(),
                "--upstream", "https://" + upstreamHost + ":" + server.getAddress().getPort());
    }

    @Test
    void aPrivateCaTrustedThroughTheJvmTrustStoreWorksAndOneConnectionServesSuccessiveCalls() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("good"));
        clientPorts.clear();
        try (ProxyProcess proxy = proxy("localhost", fixtures)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"tls " + i + "\"}");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
                assertThat(response.body()).isEqualTo("{\"over\": \"tls\"}");
            }
        }
        assertThat(clientPorts).as("one TLS connection, kept alive").hasSize(1);
        assertThat(Files.readString(fixtures.resolve("default.json"))).contains("\"over\": \"tls\"");
    }

    @Test
    void aCertificateForAnotherHostIs502AndNothingIsRecorded() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("bad"));
        try (ProxyProcess proxy = proxy("127.0.0.1", fixtures)) {
            HttpResponse<String> response = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"tls\"}");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("vcr_upstream_error").containsIgnoringCase("subject alternative");
        }
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }
}
