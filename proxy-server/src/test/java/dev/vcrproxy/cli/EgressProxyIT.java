package dev.vcrproxy.cli;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vcrproxy.testing.ConnectProxy;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.StandInUpstream;
import dev.vcrproxy.testing.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upstreams through a corporate egress proxy, with the real jar: an authenticating CONNECT proxy
 * stand-in is the only one that knows where {@code api.test.example} is, and an HTTPS upstream
 * behind it holds a certificate for that name from a private CA.
 */
class EgressProxyIT {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret!pw";
    private static final String HOST = "api.test.example";

    @TempDir
    static Path dir;
    static TestCa ca;
    static HttpsServer upstream;
    static StandInUpstream plainUpstream;
    static final List<String> hostHeaders = new CopyOnWriteArrayList<>();

    private ConnectProxy egress;

    @BeforeAll
    static void startHttpsUpstream() throws Exception {
        ca = TestCa.create(dir, HOST);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ca.serverKeyStore())) {
            keys.load(in, TestCa.PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, TestCa.PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        upstream = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.setHttpsConfigurator(new HttpsConfigurator(tls));
        upstream.createContext("/", exchange -> {
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            String asked = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = ("{\"through\": \"the tunnel\", \"asked\": " + asked + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        plainUpstream = new StandInUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
        plainUpstream.close();
    }

    @BeforeEach
    void startEgressProxy() throws Exception {
        int port = upstream.getAddress().getPort();
        egress = new ConnectProxy(USER, PASSWORD, Map.of(HOST + ":443", port, "other.test.example:443", port,
                "plain.test.example:80", plainUpstream.uri().getPort()));
        hostHeaders.clear();
    }

    @AfterEach
    void stopEgressProxy() throws Exception {
        egress.close();
    }

    private String egressUrl(String userInfo) {
        return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + egress.port();
    }

    /** The jar, trusting the test CA, with the upstream named by a host only the egress proxy can resolve. */
    private static ProxyProcess start(Map<String, String> env, Path fixtures, String mode, String... more) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + ca.trustStore()
                + " -Djavax.net.ssl.trustStorePassword=" + TestCa.PASSWORD);
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--mode", mode,
                "--fixtures", fixtures.toString(), "--upstream", "https://" + HOST));
        args.addAll(List.of(more));
        return ProxyProcess.start(all, args.toArray(String[]::new));
    }

    private static HttpResponse<String> ask(ProxyProcess proxy, String path, String prompt) {
        return Http.post(proxy.baseUrl() + path, "{\"prompt\": \"" + prompt + "\"}");
    }

    @Test
    void recordsThroughAnAuthenticatingTunnelWithHostnameVerificationThenReplaysWithTheEgressProxyGone() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("tunnel"));
        String proxyUrl = egressUrl(USER + ":s3cret%21pw");
        String stderr;
        try (ProxyProcess proxy = start(Map.of(), fixtures, "record-missing", "--upstream-proxy", proxyUrl,
                "--route", "/other=https://other.test.example", "--route", "/plain=http://plain.test.example")) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = ask(proxy, "/v1/chat", "call " + i);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
                assertThat(response.body()).contains("the tunnel").contains("call " + i);
            }
            // the egress proxy reaches the same server, whose certificate is not for this name
            HttpResponse<String> wrongName = ask(proxy, "/other/v1/chat", "wrong name");
            assertThat(wrongName.statusCode()).isEqualTo(502);
            assertThat(wrongName.body()).contains("vcr_upstream_error").containsIgnoringCase("subject alternative");
            // plain http goes through the same kind of tunnel
            HttpResponse<String> plain = ask(proxy, "/plain/generate", "plain http");
            assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
            assertThat(plain.body()).contains("plain http");
            stderr = proxy.stderr();
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(egress.seen()).contains(new ConnectProxy.Seen(HOST + ":443", basic, 200),
                new ConnectProxy.Seen("other.test.example:443", basic, 200), new ConnectProxy.Seen("plain.test.example:80", basic, 200));
        assertThat(egress.seen()).filteredOn(seen -> seen.target().startsWith(HOST)).as("one tunnel, kept alive").hasSize(1);
        assertThat(hostHeaders).containsOnly(HOST);
        assertThat(stderr).contains("upstream https://" + HOST + " through egress proxy http://alice:***@127.0.0.1:"
                + egress.port() + " (from --upstream-proxy)").doesNotContain(PASSWORD).doesNotContain("s3cret");
        assertThat(Files.readString(fixtures.resolve("default.json"))).contains("the tunnel").doesNotContain("wrong name");

        egress.close();
        try (ProxyProcess replay = start(Map.of(), fixtures, "replay", "--upstream-proxy", proxyUrl)) {
            HttpResponse<String> response = ask(replay, "/v1/chat", "call 1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("hit");
            assertThat(response.body()).contains("the tunnel").contains("call 1");
        }
    }

    @Test
    void a407Is502NamingTheProxyWithoutItsUserOrPasswordAndNothingIsRecorded() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("refused-credentials"));
        String stderr;
        try (ProxyProcess proxy = start(Map.of("VCR_UPSTREAM_PROXY", egressUrl("mallory:wrong-pw")), fixtures, "record-missing")) {
            HttpResponse<String> response = ask(proxy, "/v1/chat", "hello");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("vcr_upstream_error")
                    .contains("egress proxy 127.0.0.1:" + egress.port() + " (--upstream-proxy) answered 407")
                    .doesNotContain("wrong-pw").doesNotContain("mallory");
            stderr = proxy.stderr();
        }
        assertThat(stderr).contains("answered 407").doesNotContain("wrong-pw");
        assertThat(egress.seen()).extracting(ConnectProxy.Seen::status).containsOnly(407);
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void httpsProxyWithoutCredentialsAnswered407SaysTheProxyWantsThemAndAnUnusableHttpProxyFailsOnlyItsCalls() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("no-credentials"));
        try (ProxyProcess proxy = start(Map.of("HTTPS_PROXY", egressUrl(null), "HTTP_PROXY", "socks5://u:hunter2@127.0.0.1:1080"),
                fixtures, "record-missing", "--route", "/plain=http://plain.test.example")) {
            HttpResponse<String> response = ask(proxy, "/v1/chat", "hello");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("egress proxy 127.0.0.1:" + egress.port() + " (HTTPS_PROXY) answered 407")
                    .contains("it wants credentials");

            HttpResponse<String> plain = ask(proxy, "/plain/generate", "hello");
            assertThat(plain.statusCode()).isEqualTo(502);
            assertThat(plain.body()).contains("HTTP_PROXY: upstream proxy 'socks5://u:***@127.0.0.1:1080' must be an http:// URL")
                    .doesNotContain("hunter2");
            assertThat(proxy.stderr()).contains("WARN").doesNotContain("hunter2");
        }
        assertThat(egress.seen()).extracting(ConnectProxy.Seen::authorization).containsOnlyNulls();
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void aProxyThatRefusesConnectionsIs502NamingItsHostAndPort() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        Path fixtures = Files.createDirectories(dir.resolve("refused"));
        try (ProxyProcess proxy = start(Map.of(), fixtures, "record-missing",
                "--upstream-proxy", "http://bob:pw-xyz@127.0.0.1:" + dead)) {
            HttpResponse<String> response = ask(proxy, "/v1/chat", "hello");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("vcr_upstream_error")
                    .contains("cannot connect to the egress proxy 127.0.0.1:" + dead + " (--upstream-proxy): connection refused")
                    .doesNotContain("pw-xyz").doesNotContain("bob");
            assertThat(proxy.stderr()).doesNotContain("pw-xyz");
        }
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }

    @Test
    void noProxyAndLoopbackUpstreamsGoDirect() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("direct"));
        String proxyUrl = egressUrl(USER + ":s3cret%21pw");
        try (StandInUpstream local = new StandInUpstream();
             ProxyProcess proxy = start(Map.of("HTTPS_PROXY", proxyUrl, "HTTP_PROXY", proxyUrl, "NO_PROXY", "example.org,.test.example"),
                     fixtures, "record-missing", "--route", "/local=" + local.uri())) {
            HttpResponse<String> loopback = ask(proxy, "/local/generate", "nearby");
            assertThat(loopback.statusCode()).as(loopback.body()).isEqualTo(200);
            assertThat(local.calls()).isEqualTo(1);

            // direct means resolving the name here, which only the egress proxy could do
            HttpResponse<String> bypassed = ask(proxy, "/v1/chat", "hello");
            assertThat(bypassed.statusCode()).isEqualTo(502);
            assertThat(bypassed.body()).contains(HOST).doesNotContain("egress proxy");
            assertThat(proxy.stderr()).contains("upstream https://" + HOST + " direct (NO_PROXY)")
                    .contains("upstream " + local.uri() + " direct (loopback)");
        }
        assertThat(egress.seen()).isEmpty();
    }
}
