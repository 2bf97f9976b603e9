package dev.vcrproxy.client;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JSON upstream on an ephemeral port that echoes the request body and counts calls. */
final class StandIn implements AutoCloseable {
    private static StandIn shared;

    final HttpServer server;
    final AtomicInteger calls = new AtomicInteger();

    StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            int n = calls.incrementAndGet();
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = ("{\"echo\": " + (request.isEmpty() ? "null" : request) + ", \"call\": " + n + ", \"tokens_used\": 7}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /**
     * One upstream for every test class of the run: the proxy the extension starts is started once,
     * with the upstream of whichever class came first, so that upstream must outlive them all.
     */
    static synchronized StandIn shared() throws IOException {
        if (shared == null) {
            shared = new StandIn();
            System.setProperty("vcr.proxy.upstream", shared.url());
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
