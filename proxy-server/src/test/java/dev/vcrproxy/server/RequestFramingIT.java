package dev.vcrproxy.server;

import ch.qos.logback.classic.Level;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.CapturedLogs;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Request framing and targets as they arrive on the wire, and what the proxy logs about them. */
class RequestFramingIT extends ProxyTestSupport {

    private static String exchange(VcrProxyServer proxy, byte[] request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.boundPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTransferEncodingOtherThanChunkedIsRefused() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        String answer = exchange(proxy, ("POST /generate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n"
                + "Content-Length: 16\r\n\r\n{\"prompt\": \"x\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(answer).startsWith("HTTP/1.1 400").contains("unsupported Transfer-Encoding 'xchunked'");
        assertThat(upstream.calls()).isZero();
    }

    @Test
    void aUtf8PathIsForwardedAsSentAndStoredReadably() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write("GET /files/caf".getBytes(StandardCharsets.US_ASCII));
        request.write(new byte[] {(byte) 0xC3, (byte) 0xA9});
        request.write(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(exchange(proxy, request.toByteArray())).startsWith("HTTP/1.1 200");
        assertThat(sentBytes(upstream.seen().get(0).uri())).as("the same bytes upstream").isEqualTo("/files/café");
        assertThat(cassetteFile("default").at("/interactions/0/request/path").asText()).isEqualTo("/files/café");

        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.write("GET /files/caf".getBytes(StandardCharsets.US_ASCII));
        latin1.write(0xE9);
        latin1.write(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(exchange(proxy, latin1.toByteArray())).startsWith("HTTP/1.1 200");
        assertThat(upstream.seen().get(1).uri()).as("not UTF-8: percent-encoded, never mangled").isEqualTo("/files/caf%E9");
    }

    /** The stand-in's server reads the request line one char per byte: the UTF-8 text those bytes are. */
    private static String sentBytes(String seen) {
        return new String(seen.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void aClientLeavingMidBodyIsOneDebugLineNotAWarning() throws Exception {
        VcrProxyServer proxy = proxy(Mode.REPLAY);
        try (CapturedLogs logs = new CapturedLogs("dev.vcrproxy", Level.DEBUG, true)) {
            try (Socket socket = new Socket("127.0.0.1", proxy.boundPort())) {
                socket.getOutputStream().write("POST /generate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"prom"
                        .getBytes(StandardCharsets.UTF_8));
            }
            Thread.sleep(300);
            assertThat(Http.get(proxy.baseUrl() + "/__vcr/health").statusCode()).isEqualTo(200);
            assertThat(logs.lines(Level.WARN)).isEmpty();
            assertThat(logs.events()).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        }
    }

    @Test
    void debugLogsOneLinePerRequest() throws Exception {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        try (CapturedLogs logs = new CapturedLogs("dev.vcrproxy.server.ExchangeContext", Level.DEBUG, true)) {
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"one\"}");
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"one\"}");
            assertThat(logs.lines(Level.DEBUG)).hasSize(2)
                    .anySatisfy(line -> assertThat(line).startsWith("DEBUG POST /generate -> recorded in cassette 'default' key="))
                    .anySatisfy(line -> assertThat(line).startsWith("DEBUG POST /generate -> hit in cassette 'default' key="));
        }
    }
}
