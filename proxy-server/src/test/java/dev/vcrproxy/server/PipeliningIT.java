package dev.vcrproxy.server;

import dev.vcrproxy.mode.Mode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests pipelined on one connection are answered one at a time, in order, even when forwarded. */
class PipeliningIT extends ProxyTestSupport {

    private static String request(String prompt) {
        String body = "{\"prompt\": \"" + prompt + "\"}";
        return "POST /generate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void pipelinedRequestsGetTheirOwnAnswersInOrder() throws Exception {
        upstream.delayMs(100);
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        URI base = URI.create(proxy.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((request("first") + request("second") + request("first")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> results = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int length = -1;
                for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                    if (line.startsWith("X-Vcr-Result:")) {
                        results.add(line.substring(13).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                bodies.add(new String(body));
            }
            assertThat(results).containsExactly("recorded", "recorded", "hit");
            assertThat(json(bodies.get(0)).at("/ir_json/echo").asText()).isEqualTo("first");
            assertThat(json(bodies.get(1)).at("/ir_json/echo").asText()).isEqualTo("second");
            assertThat(json(bodies.get(2))).isEqualTo(json(bodies.get(0)));
        }
    }
}
