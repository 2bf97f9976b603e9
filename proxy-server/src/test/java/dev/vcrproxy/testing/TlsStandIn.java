package dev.vcrproxy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An OpenAI-like HTTPS upstream on an ephemeral port of 127.0.0.1 with a certificate from a
 * {@link TestCa}: {@code POST /v1/chat/completions} answers JSON naming the request, and
 * {@code /v1/stream} sends one SSE event, waits for {@link #releaseStream()}, then sends the rest.
 */
public final class TlsStandIn implements AutoCloseable {
    /** What the stand-in saw: method, target and the Proxy-Authorization header if any. */
    public record Seen(String method, String uri, String host, String proxyAuthorization, String body) {
    }

    private final HttpsServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch streamGate = new CountDownLatch(1);

    public TlsStandIn(TestCa ca) throws IOException, GeneralSecurityException {
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
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return seen;
    }

    /** Lets a waiting stream send its remaining events. */
    public void releaseStream() {
        streamGate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Proxy-Authorization"), body));
        if (exchange.getRequestURI().getPath().equals("/v1/stream")) {
            stream(exchange);
            return;
        }
        byte[] answer = ("{\"id\": \"chatcmpl-1\", \"choices\": [{\"message\": {\"content\": \"answer to "
                + body.replace("\"", "'") + "\"}}], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 5}}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: {\"delta\": \"first\"}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                streamGate.await(); // until released, or the stand-in closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: {\"delta\": \"second\"}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        streamGate.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
