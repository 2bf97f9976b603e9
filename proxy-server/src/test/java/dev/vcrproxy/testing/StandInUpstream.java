package dev.vcrproxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on an ephemeral port that behaves like a Modal {@code generate} endpoint:
 * JSON in, JSON out derived from the prompt, a call counter, and the odd behaviours of the real
 * thing on request (a prompt containing "fail" answers 200 with an "error" field; "boom" answers 500).
 */
public final class StandInUpstream implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the upstream saw: method, path with query, headers, body. */
    public record Seen(String method, String uri, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile int delayMs;

    public StandInUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int calls() {
        return calls.get();
    }

    public List<Seen> seen() {
        return seen;
    }

    public void delayMs(int value) {
        delayMs = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        sleep(delayMs);
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET") && path.endsWith("/health")) {
            send(exchange, 200, "application/json", "{\"status\": \"ok\"}");
            return;
        }
        if (path.endsWith("/text")) {
            send(exchange, 200, "text/plain; charset=utf-8", "plain answer to " + body);
            return;
        }
        if (path.endsWith("/big")) {
            byte[] bytes = new byte[24 << 20];
            new java.util.Random(42).nextBytes(bytes);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        if (path.endsWith("/binary")) {
            byte[] bytes = {0, (byte) 0xff, (byte) 0xfe, 1, 2, 3};
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        JsonNode request;
        try {
            request = body.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            send(exchange, 200, "application/json", "{\"echo_text\": " + MAPPER.writeValueAsString(body) + "}");
            return;
        }
        String prompt = request.path("prompt").asText("");
        if (prompt.contains("boom")) {
            send(exchange, 500, "application/json", "{\"detail\": \"internal error\"}");
            return;
        }
        ObjectNode answer = MAPPER.createObjectNode();
        if (prompt.contains("fail")) {
            answer.put("error", "model crashed");
        } else {
            answer.putObject("ir_json").put("echo", prompt).put("call", calls.get());
            answer.put("tokens_used", 10 + prompt.length());
        }
        exchange.getResponseHeaders().add("Set-Cookie", "session=abc123; Path=/");
        exchange.getResponseHeaders().add("X-Request-Id", "req-" + calls.get());
        send(exchange, 200, "application/json", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(int ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
