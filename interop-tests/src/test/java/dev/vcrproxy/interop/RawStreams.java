package dev.vcrproxy.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A stream read to its end as bytes, for "Streams replay byte for byte": what no SDK shows. */
final class RawStreams {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RawStreams() {
    }

    /** The status and the exact body, {@code \\r} shown as text so a failed comparison shows which line ends differ. */
    static String post(String url, String headerName, String headerValue, String json) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header(headerName, headerValue)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() + "\n" + showLineEnds(new String(response.body(), StandardCharsets.UTF_8));
    }

    static String showLineEnds(String text) {
        return text.replace("\r", "\\r");
    }
}
