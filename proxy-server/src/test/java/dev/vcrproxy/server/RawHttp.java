package dev.vcrproxy.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One request over a plain socket, read to the end of the connection, so a test sees the framing
 * a client would: each chunk's size, and whether the final chunk ever came.
 */
record RawHttp(String head, byte[] body, List<Integer> chunkSizes, boolean lastChunk) {

    static RawHttp post(int port, String path, String json, String... headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes; a reset after some bytes counts as the end too. */
    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a connection reset ends the response as well
        }
        return all.toByteArray();
    }

    private static RawHttp parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end);
        int pos = end + 4;
        if (!head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            return new RawHttp(head, java.util.Arrays.copyOfRange(bytes, pos, bytes.length), List.of(), false);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        while (pos < bytes.length) {
            int lineEnd = text.indexOf("\r\n", pos);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(pos, lineEnd).trim(), 16);
            if (size == 0) {
                return new RawHttp(head, body.toByteArray(), sizes, true);
            }
            sizes.add(size);
            body.write(bytes, lineEnd + 2, Math.min(size, bytes.length - lineEnd - 2));
            pos = lineEnd + 2 + size + 2;
        }
        return new RawHttp(head, body.toByteArray(), sizes, false);
    }

    String header(String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
