package dev.vcrproxy.server;

import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream 1xx answers: interim ones (100, 103) are skipped, a protocol switch (101) is a 502. */
class InterimResponsesIT extends ProxyTestSupport {
    private ServerSocket raw;

    @AfterEach
    void closeRaw() throws IOException {
        if (raw != null) {
            raw.close();
        }
    }

    /** An upstream that answers every request with {@code bytes}, then closes the connection. */
    private String rawUpstream(String bytes) throws IOException {
        raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!raw.isClosed()) {
                try (Socket socket = raw.accept()) {
                    readRequest(socket.getInputStream());
                    socket.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-upstream");
        thread.setDaemon(true);
        thread.start();
        return "http://127.0.0.1:" + raw.getLocalPort();
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase();
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
        }
    }

    @Test
    void continueAndEarlyHintsAreSkippedAndTheFinalAnswerIsRecorded() throws Exception {
        String url = rawUpstream("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"ok\":true}");
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.route(dev.vcrproxy.upstream.Route.parse("/generate=" + url)));
        HttpResponse<String> answer = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"ok\":true}");
        assertThat(answer.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(cassetteFile("default").at("/interactions/0/response/status").asInt()).isEqualTo(200);
    }

    @Test
    void aProtocolSwitchIsAnUpstreamErrorAndNothingIsRecorded() throws Exception {
        String url = rawUpstream("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING, b -> b.route(dev.vcrproxy.upstream.Route.parse("/generate=" + url)));
        HttpResponse<String> answer = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\"}");
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(json(answer.body()).at("/error/type").asText()).isEqualTo("vcr_upstream_error");
        assertThat(json(answer.body()).at("/error/message").asText()).contains("protocol upgrade not supported");
        assertThat(fixtures.resolve("default.json")).doesNotExist();
    }
}
