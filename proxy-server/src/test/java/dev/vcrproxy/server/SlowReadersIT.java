package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.IncomingRequest;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.RecordedRequest;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.cassette.Redaction;
import dev.vcrproxy.cassette.RequestKey;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A large replayed body goes out in slices; many clients reading it slowly each get every byte, in order. */
class SlowReadersIT extends ProxyTestSupport {
    private static final int READERS = 6;
    private static final String REQUESTS = "GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n"
            + "GET /text HTTP/1.1\r\nHost: localhost\r\n\r\n";

    record Answer(String head, byte[] body) {
    }

    @Test
    void slowReadersOfALargeReplayAllGetTheExactBytesAndTheNextAnswer() throws Exception {
        byte[] big = new byte[(2 << 20) + 3];
        new Random(7).nextBytes(big);
        String text = "a line of text\n".repeat(20_000);
        write(interaction("/big", new Body.BinaryBody(big), "application/octet-stream"),
                interaction("/text", new Body.TextBody(text), "text/plain"));

        URI base = URI.create(offlineProxy().baseUrl());
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<List<Answer>>> answers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                answers.add(readers.submit(() -> readSlowly(base)));
            }
            for (Future<List<Answer>> future : answers) {
                List<Answer> two = future.get();
                assertThat(two.get(0).head()).startsWith("http/1.1 200").contains("x-vcr-result: hit");
                assertThat(two.get(0).body()).isEqualTo(big);
                assertThat(two.get(1).head()).startsWith("http/1.1 200").contains("x-vcr-result: hit");
                assertThat(new String(two.get(1).body(), StandardCharsets.UTF_8)).isEqualTo(text);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static Interaction interaction(String path, Body body, String contentType) {
        RecordedRequest request = Redaction.record(new IncomingRequest("GET", "/", path, "", List.of(), new byte[0]),
                MatchRules.DEFAULT);
        RecordedResponse response = new RecordedResponse(200, new TreeMap<>(Map.of("content-type", contentType)), body);
        return new Interaction(RequestKey.of(request, MatchRules.DEFAULT), 0, Instant.parse("2026-12-01T00:00:00Z"), 5,
                request, response);
    }

    private void write(Interaction... interactions) throws IOException {
        Files.write(fixtures.resolve("default.json"),
                CassetteCodec.write(new Cassette(CassetteName.of("default"), List.of(interactions))));
    }

    /** Two pipelined requests on a small receive buffer, read only after the proxy's writes have backed up. */
    private static List<Answer> readSlowly(URI base) throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8 << 10);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.getOutputStream().write(REQUESTS.getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
            return List.of(readAnswer(in), readAnswer(in));
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException, InterruptedException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the head: " + head);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int length = headText.lines().filter(l -> l.startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElseThrow();
        byte[] body = new byte[length];
        int read = 0;
        int chunks = 0;
        while (read < length) {
            int n = in.read(body, read, Math.min(16 << 10, length - read));
            if (n < 0) {
                throw new IOException("connection closed after " + read + " of " + length + " body bytes");
            }
            read += n;
            if (++chunks % 64 == 0) {
                Thread.sleep(1); // a reader slower than the proxy, now and then
            }
        }
        return new Answer(headText, body);
    }
}
