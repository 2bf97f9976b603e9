package dev.vcrproxy.forward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcrproxy.cli.VcrProxyCli;
import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.StandInUpstream;
import dev.vcrproxy.testing.TestCa;
import dev.vcrproxy.testing.TlsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forward-proxy mode through the real jar: a client that posts to a hard-coded
 * {@code https://api.openai.test/...} reaches a TLS stand-in through {@code CONNECT} (the proxy
 * connects to it by {@code --resolve}), is recorded, and is replayed by a second proxy whose way
 * to the stand-in is a closed port.
 */
class ForwardProxyIT {
    static final String HOST = "api.openai.test";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path shared;
    static TestCa upstreamCa;
    static Path fixtures;
    static Path caDir;
    static TlsStandIn upstream;
    /** A plain-HTTP upstream, reached as http://plain.example.test by absolute-form requests. */
    static StandInUpstream plainUpstream;
    /** Records from the stand-in; also reaches it as elsewhere.test, which it must never do. */
    static ProxyProcess recorder;
    /** Replays the same fixtures; its way to the upstream is a closed port. */
    static ProxyProcess replayer;

    @BeforeAll
    static void start() throws Exception {
        upstreamCa = TestCa.create(Files.createDirectories(shared.resolve("upstream-ca")), HOST);
        upstream = new TlsStandIn(upstreamCa);
        fixtures = Files.createDirectories(shared.resolve("fixtures"));
        caDir = shared.resolve("vcr-ca"); // one CA for both proxies, as on a developer's machine
        plainUpstream = new StandInUpstream();
        recorder = proxy("record-missing", "--resolve", HOST + ":443=127.0.0.1:" + upstream.port(),
                "--resolve", "plain.example.test:80=127.0.0.1:" + plainUpstream.uri().getPort(),
                "--route", "/openai=https://" + HOST,
                "--resolve", "elsewhere.test:443=127.0.0.1:" + upstream.port(), "--resolve", "elsewhere.test:80=127.0.0.1:" + plainUpstream.uri().getPort());
        replayer = proxy("replay", "--resolve", HOST + ":443=127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        if (recorder != null) {
            recorder.close();
        }
        if (replayer != null) {
            replayer.close();
        }
        upstream.close();
        plainUpstream.close();
    }

    static ProxyProcess proxy(String mode, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--mode", mode, "--fixtures", fixtures.toString(),
                "--intercept", "*.example.test," + HOST, "--ca-dir", caDir.toString()));
        args.addAll(List.of(extra));
        return ProxyProcess.start(Map.of("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + upstreamCa.trustStore()
                + " -Djavax.net.ssl.trustStorePassword=" + TestCa.PASSWORD), args.toArray(String[]::new));
    }

    /** A JDK HttpClient as a Java suite would set it up: the proxy, and a trust store with the proxy's CA. */
    HttpClient client(ProxyProcess proxy) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caDir.resolve("vcr-proxy-ca.pem"))) {
            trust.setCertificateEntry("vcr-proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        URI address = URI.create(proxy.baseUrl());
        return HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress(address.getHost(), address.getPort())))
                .sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpRequest post(String url, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-test-not-a-real-key")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder.build();
    }

    @Test
    void recordsThroughConnectAndReplaysWithTheUpstreamGone() throws Exception {
        String body = "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        HttpResponse<String> recorded = client(recorder).send(post("https://" + HOST + "/v1/chat/completions", body,
                "X-Vcr-Cassette", "suite/test_one"), HttpResponse.BodyHandlers.ofString());
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(recorded.body()).contains("answer to");
        assertThat(upstream.seen()).filteredOn(seen -> seen.body().equals(body)).singleElement().satisfies(seen -> {
            assertThat(seen.uri()).isEqualTo("/v1/chat/completions");
            assertThat(seen.host()).isEqualTo(HOST);
        });

        JsonNode cassette = MAPPER.readTree(fixtures.resolve("suite/test_one.json").toFile());
        JsonNode request = cassette.at("/interactions/0/request");
        assertThat(request.path("route").asText()).isEqualTo("https://" + HOST);
        assertThat(request.path("path").asText()).isEqualTo("/v1/chat/completions");
        assertThat(request.path("headers").path("authorization").asText()).isEqualTo("<redacted>");
        assertThat(cassette.at("/interactions/0").has("upstream")).as("the route is the origin already").isFalse();

        HttpResponse<String> replayed = client(replayer).send(post("https://" + HOST + "/v1/chat/completions", body,
                "X-Vcr-Cassette", "suite/test_one"), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(MAPPER.readTree(replayed.body())).isEqualTo(MAPPER.readTree(recorded.body()));

        HttpResponse<String> miss = client(replayer).send(post("https://" + HOST + "/v1/chat/completions", "{\"other\": 1}",
                "X-Vcr-Cassette", "suite/test_one"), HttpResponse.BodyHandlers.ofString());
        assertThat(miss.statusCode()).isEqualTo(404);
        assertThat(miss.body()).contains("vcr_cassette_miss");
    }

    @Test
    void theProxyUrlsUserNameChoosesTheCassetteAndIsNeverForwarded() throws Exception {
        URI address = URI.create(recorder.baseUrl());
        // as HTTPS_PROXY=http://suite%2Fby_user:x@host:port sends it on CONNECT
        String auth = java.util.Base64.getEncoder().encodeToString("suite%2Fby_user:x".getBytes(StandardCharsets.UTF_8));
        try (Socket raw = new Socket(address.getHost(), address.getPort())) {
            raw.setSoTimeout(30_000);
            String head = connect(raw, HOST + ":443", "Proxy-Authorization: Basic " + auth + "\r\n");
            assertThat(head).startsWith("HTTP/1.1 200");
            SSLSocket tls = (SSLSocket) trustingVcrCa().getSocketFactory().createSocket(raw, HOST, 443, true);
            verifyHostname(tls);
            OutputStream out = tls.getOutputStream();
            byte[] body = "{\"q\": \"by user\"}".getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("X-Vcr-Result: recorded");
        }
        assertThat(fixtures.resolve("suite/by_user.json")).exists();
        assertThat(Files.readString(fixtures.resolve("suite/by_user.json"))).doesNotContainIgnoringCase("proxy-authorization");
        assertThat(upstream.seen()).filteredOn(seen -> seen.body().contains("by user")).singleElement()
                .satisfies(seen -> assertThat(seen.proxyAuthorization()).isNull());
    }

    @Test
    void anAbsoluteFormHttpRequestToAnInterceptedHostIsRecordedUnderItsOriginAndReplayed() throws Exception {
        // the JDK client sends http:// requests to a proxy in absolute form: POST http://plain.example.test/generate
        String url = "http://plain.example.test/generate?x=1";
        HttpResponse<String> recorded = client(recorder).send(post(url, "{\"prompt\": \"absolute\"}", "X-Vcr-Cassette", "suite/plain"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(plainUpstream.seen()).filteredOn(seen -> seen.body().contains("absolute")).singleElement().satisfies(seen -> {
            assertThat(seen.uri()).isEqualTo("/generate?x=1");
            assertThat(seen.headers().get("Host")).containsExactly("plain.example.test");
        });
        JsonNode request = MAPPER.readTree(fixtures.resolve("suite/plain.json").toFile()).at("/interactions/0/request");
        assertThat(request.path("route").asText()).isEqualTo("http://plain.example.test");
        assertThat(request.path("path").asText()).isEqualTo("/generate");

        HttpResponse<String> replayed = client(replayer).send(post(url, "{\"prompt\": \"absolute\"}", "X-Vcr-Cassette", "suite/plain"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(MAPPER.readTree(replayed.body())).isEqualTo(MAPPER.readTree(recorded.body()));
        // the offline commands take such cassettes as they are
        assertThat(VcrProxyCli.commandLine().execute("cassettes", "lint", "--fixtures", fixtures.toString()))
                .isZero();
    }

    @Test
    void resolveAlsoServesReverseProxiedRoutesAndTlsStillVerifiesTheHost() throws Exception {
        HttpResponse<String> response = dev.vcrproxy.testing.Http.post(recorder.baseUrl() + "/openai/v1/chat/completions",
                "{\"q\": \"reverse\"}", "X-Vcr-Cassette", "suite/reverse");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(upstream.seen()).filteredOn(seen -> seen.body().contains("reverse")).singleElement()
                .satisfies(seen -> assertThat(seen.host()).isEqualTo(HOST));
    }

    @Test
    void aHostNotInterceptedIs403AndNothingIsForwarded() throws Exception {
        URI address = URI.create(recorder.baseUrl());
        try (Socket raw = new Socket(address.getHost(), address.getPort())) {
            raw.setSoTimeout(30_000);
            String answer = connect(raw, "elsewhere.test:443", "");
            assertThat(answer).startsWith("HTTP/1.1 403").contains("vcr_not_intercepted").contains("elsewhere.test")
                    .contains("--intercept");
        }
        Raw absolute = rawAbsoluteForm(address, "GET http://elsewhere.test/steal HTTP/1.1\r\nHost: elsewhere.test\r\n");
        assertThat(absolute.statusCode()).isEqualTo(403);
        assertThat(absolute.body()).contains("vcr_not_intercepted");
        Raw wildcardApex = rawAbsoluteForm(address, "GET http://example.test/x HTTP/1.1\r\nHost: example.test\r\n");
        assertThat(wildcardApex.statusCode()).as("*.example.test does not match example.test").isEqualTo(403);
        assertThat(upstream.seen()).noneMatch(seen -> seen.host().contains("example.test") || seen.host().contains("elsewhere"));
        assertThat(plainUpstream.seen()).noneMatch(seen -> String.valueOf(seen.headers().get("Host")).contains("elsewhere")
                || seen.uri().contains("steal") || seen.uri().equals("/x"));
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void absoluteFormToTheProxyItselfUsesOnlyItsPathAndOptionsStarIsNotForwarded() throws Exception {
        URI address = URI.create(recorder.baseUrl());
        Raw health = rawAbsoluteForm(address, "GET " + recorder.baseUrl() + "/__vcr/health HTTP/1.1\r\nHost: "
                + address.getAuthority() + "\r\n");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\"");
        Raw options = rawAbsoluteForm(address, "OPTIONS * HTTP/1.1\r\nHost: " + address.getAuthority() + "\r\n");
        assertThat(options.statusCode()).isEqualTo(405);
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    @Timeout(120) // a stream held back by the proxy would hang here until the stand-in closes
    void aStreamThroughTheTunnelArrivesEventByEventAndReplays() throws Exception {
        HttpResponse<InputStream> response = client(recorder).send(post("https://" + HOST + "/v1/stream", "{\"stream\": true}",
                        "X-Vcr-Cassette", "suite/stream"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        // the stand-in holds the rest of its stream until the first event has reached the client
        assertThat(lines.readLine()).isEqualTo("data: {\"delta\": \"first\"}");
        upstream.releaseStream();
        StringBuilder rest = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            rest.append(line).append('\n');
        }
        assertThat(rest.toString()).contains("second").contains("[DONE]");

        HttpResponse<String> replayed = client(replayer).send(post("https://" + HOST + "/v1/stream", "{\"stream\": true}",
                        "X-Vcr-Cassette", "suite/stream"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(replayed.body()).isEqualTo("data: {\"delta\": \"first\"}\n\ndata: {\"delta\": \"second\"}\n\ndata: [DONE]\n\n");
    }

    @Test
    void aLeafCertificateForOneHostIsRefusedForAnother() throws Exception {
        URI address = URI.create(replayer.baseUrl());
        try (Socket raw = new Socket(address.getHost(), address.getPort())) {
            raw.setSoTimeout(30_000);
            assertThat(connect(raw, HOST + ":443", "")).startsWith("HTTP/1.1 200");
            // the client believes it talks to another host: the certificate names api.openai.test only
            SSLSocket tls = (SSLSocket) trustingVcrCa().getSocketFactory().createSocket(raw, "other.example.org", 443, true);
            verifyHostname(tls);
            assertThatThrownBy(tls::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("other.example.org");
        }
    }

    private SSLContext trustingVcrCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caDir.resolve("vcr-proxy-ca.pem"))) {
            trust.setCertificateEntry("vcr-proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    private static void verifyHostname(SSLSocket tls) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
    }

    /** Sends {@code CONNECT target} and reads the answer's head (and a short body, for errors). */
    private static String connect(Socket raw, String target, String extraHeaders) throws Exception {
        raw.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        raw.getOutputStream().flush();
        InputStream in = raw.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String text = head.toString();
        int length = text.toLowerCase().indexOf("content-length: ");
        if (length >= 0) {
            int n = Integer.parseInt(text.substring(length + 16, text.indexOf('\r', length)).trim());
            text += new String(in.readNBytes(n), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** A request line and headers sent as they are (the JDK client never sends absolute-form targets itself). */
    private static Raw rawAbsoluteForm(URI proxy, String requestHead) throws Exception {
        try (Socket raw = new Socket(proxy.getHost(), proxy.getPort())) {
            raw.setSoTimeout(30_000);
            raw.getOutputStream().write((requestHead + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String text = new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            return new Raw(status, body);
        }
    }

    private record Raw(int statusCode, String body) {
    }
}
