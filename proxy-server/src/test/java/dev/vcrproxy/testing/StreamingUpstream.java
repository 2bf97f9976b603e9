package dev.vcrproxy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A streaming LLM stand-in on an ephemeral port. {@code /v1/chat/completions} streams OpenAI-style
 * chunks ending in {@code data: [DONE]} ({@code /v1/usage/chat/completions} with a usage chunk); {@code /v1/messages} streams Anthropic-style events with
 * {@code event:} lines; {@code /v1beta/models/…} streams Gemini-style CRLF events; {@code /gzip} answers gzip-compressed JSON. Streams send their first event,
 * then wait up to 10 s for {@link #releaseRest()} before the rest, with {@code gapMs} between events.
 */
public final class StreamingUpstream implements AutoCloseable {
    public static final List<String> OPENAI_EVENTS = List.of(
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n",
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"}}]}\n\n",
            "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
            "data: [DONE]\n\n");
    public static final List<String> ANTHROPIC_EVENTS = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"role\":\"assistant\","
                    + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n",
            "event: ping\ndata: {\"type\": \"ping\"}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":15}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    /** An OpenAI chat stream asked with {@code stream_options.include_usage}: the usage comes in a last chunk. */
    public static final List<String> OPENAI_EVENTS_WITH_USAGE = List.of(
            "data: {\"id\":\"c2\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}],\"usage\":null}\n\n",
            "data: {\"id\":\"c2\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
            "data: {\"id\":\"c2\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21}}\n\n",
            "data: [DONE]\n\n");
    /** Gemini's {@code alt=sse} streams end their lines in CRLF. */
    public static final List<String> GEMINI_EVENTS = List.of(
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hel\"}],\"role\": \"model\"}}]}\r\n\r\n",
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lo\"}],\"role\": \"model\"},\"finishReason\": \"STOP\"}],"
                    + "\"usageMetadata\": {\"promptTokenCount\": 4,\"candidatesTokenCount\": 2}}\r\n\r\n");

    private final HttpServer server;
    private final CountDownLatch rest = new CountDownLatch(1);
    private final AtomicBoolean restReleasedByClient = new AtomicBoolean();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int gapMs;
    private volatile boolean holdAfterFirst = true;
    private volatile int lingerBeforeEndMs;

    public StreamingUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", e -> stream(e, OPENAI_EVENTS));
        server.createContext("/v1/messages", e -> stream(e, ANTHROPIC_EVENTS));
        server.createContext("/v1/usage/chat/completions", e -> stream(e, OPENAI_EVENTS_WITH_USAGE));
        server.createContext("/v1beta/models/", e -> stream(e, GEMINI_EVENTS));
        server.createContext("/gzip", this::gzip);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void gapMs(int value) {
        gapMs = value;
    }

    public void holdAfterFirst(boolean value) {
        holdAfterFirst = value;
    }

    /** Waits this long after the last event before ending the chunked body, as a slow upstream might. */
    public void lingerBeforeEndMs(int value) {
        lingerBeforeEndMs = value;
    }

    public int calls() {
        return calls.get();
    }

    /** Lets held streams go on; remembers that a client did it. */
    public void releaseRest() {
        restReleasedByClient.set(true);
        rest.countDown();
    }

    public boolean restWasReleasedByClient() {
        return restReleasedByClient.get();
    }

    private void stream(HttpExchange exchange, List<String> events) throws IOException {
        calls.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < events.size(); i++) {
                if (i == 1 && holdAfterFirst) {
                    await();
                } else if (i > 0) {
                    sleep(gapMs);
                }
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            sleep(lingerBeforeEndMs);
        } catch (IOException e) {
            // the client went away mid-stream
        }
    }

    private void gzip(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write("{\"answer\": \"compressed but readable\", \"tokens_used\": 5}".getBytes(StandardCharsets.UTF_8));
        }
        boolean accepts = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
        byte[] body = accepts ? compressed.toByteArray() : "{\"error\": \"client did not accept gzip\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (accepts) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void await() {
        try {
            rest.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        rest.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
