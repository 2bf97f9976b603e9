package dev.vcrproxy.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provider stand-in on an ephemeral loopback port (JDK HttpServer): one handler for every path,
 * a log of the request lines it answered. Stopped, its port refuses connections, so a replay that
 * reached it would fail.
 */
final class StandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers one request; the body is already read. */
    interface Handler {
        void handle(HttpExchange exchange, byte[] body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    StandIn(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                handler.handle(exchange, exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                // the client went away
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static JsonNode json(byte[] body) throws IOException {
        return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
    }

    static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A chunked {@code text/event-stream}, one flushed write per event, as the providers send it. */
    static void sendEvents(HttpExchange exchange, List<String> events) throws IOException {
        sendEvents(exchange, events, 0);
    }

    /**
     * As above, with a pause between the last event and the end of the chunked body, as a busy server
     * shows: a client that stops reading at its last event closes before the body has ended.
     */
    static void sendEvents(HttpExchange exchange, List<String> events, int pauseBeforeEndMs) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            pause(pauseBeforeEndMs);
        }
    }

    private static void pause(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean hasHeader(HttpExchange exchange, String name, String value) {
        return value.equals(exchange.getRequestHeaders().getFirst(name));
    }

    /** A provider-style 401, so a credential lost on the way fails the SDK call loudly. */
    static void sendUnauthorized(HttpExchange exchange, String expected) throws IOException {
        sendJson(exchange, 401, "{\"error\": {\"type\": \"authentication_error\", \"message\": \"expected " + expected + "\"}}");
    }
}
