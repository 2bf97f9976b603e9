package dev.vcrproxy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on an ephemeral port standing in for an upload endpoint such as OpenAI's
 * {@code /v1/audio/transcriptions}: it keeps every request body byte for byte with its content
 * type, and answers a JSON transcript naming the call and the body size.
 */
public final class UploadUpstream implements AutoCloseable {
    /** One upload as the upstream received it. */
    public record Upload(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    public UploadUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Upload> uploads() {
        return uploads;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        uploads.add(new Upload(exchange.getRequestHeaders().getFirst("Content-Type"), body));
        byte[] answer = ("{\"text\":\"transcript " + uploads.size() + " of " + body.length + " bytes\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
