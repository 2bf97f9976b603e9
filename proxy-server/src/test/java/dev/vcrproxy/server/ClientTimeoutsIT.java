package dev.vcrproxy.server;

import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Idle connections are closed; half-sent headers get 408; a slow upstream is never "idle". */
class ClientTimeoutsIT extends ProxyTestSupport {

    private VcrProxyServer proxyWithShortTimeouts(Mode mode) {
        return proxy(mode, b -> b.idleTimeout(Duration.ofMillis(400)).headerTimeout(Duration.ofMillis(400)));
    }

    /** Everything the proxy sends until it closes the connection (fails if it does not within 10 s). */
    private static String readUntilClosed(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aConnectionIdleBetweenRequestsIsClosed() throws Exception {
        VcrProxyServer proxy = proxyWithShortTimeouts(Mode.REPLAY);
        try (Socket socket = new Socket("127.0.0.1", proxy.boundPort())) {
            socket.getOutputStream().write("GET /__vcr/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"status\":\"ok\"");
        }
    }

    @Test
    void headersNotCompleteInTimeGet408() throws Exception {
        VcrProxyServer proxy = proxyWithShortTimeouts(Mode.REPLAY);
        try (Socket socket = new Socket("127.0.0.1", proxy.boundPort())) {
            socket.getOutputStream().write("POST /generate HTTP/1.1\r\nHost: x\r\nContent-Ty".getBytes(StandardCharsets.UTF_8));
            String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("vcr_request_timeout");
        }
    }

    @Test
    void aSlowUpstreamCallIsNotIdle() throws Exception {
        upstream.delayMs(1500);
        VcrProxyServer proxy = proxyWithShortTimeouts(Mode.RECORD_MISSING);
        var answer = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"slow\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
    }
}
