package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The admin API of a running proxy, as the CLI commands use it. */
final class AdminClient {
    /** A call that failed: one line that says what and where. */
    static final class AdminException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean unreachable;

        AdminException(String message) {
            this(message, false);
        }

        AdminException(String message, boolean unreachable) {
            super(message);
            this.unreachable = unreachable;
        }

        /** Nothing listens there (yet): connection refused. */
        boolean unreachable() {
            return unreachable;
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) throws AdminException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode put(String path, JsonNode body) throws AdminException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.compactBytes(body)));
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** {@code /__vcr/health}, asked again every 100 ms while nothing listens yet, for up to {@code limit}. */
    JsonNode awaitHealth(Duration limit) throws AdminException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return get("/health");
            } catch (AdminException e) {
                if (!e.unreachable()) {
                    throw e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AdminException(e.getMessage() + "; waited " + limit.toMillis() + " ms", true);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdminException("interrupted");
            }
        }
    }

    private URI uri(String path) {
        return URI.create(base + "/__vcr" + path);
    }

    private JsonNode send(HttpRequest.Builder request) throws AdminException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new AdminException("cannot reach vcr-proxy at " + base + ": connection refused (is it running? --admin / VCR_ADMIN_URL)", true);
        } catch (IOException e) {
            throw new AdminException("cannot reach vcr-proxy at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
        JsonNode body = Json.parse(response.body().getBytes(StandardCharsets.UTF_8)).orElse(null);
        boolean ours = body != null && (response.statusCode() == 200 ? body.isObject() : body.at("/error/type").asText().startsWith("vcr_"));
        if (!ours) { // some other server on that port: one line, not its error page
            String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse("no content type");
            throw new AdminException(base + ": not a vcr-proxy (answered " + response.statusCode() + " " + type + ")");
        }
        if (response.statusCode() != 200) {
            throw new AdminException("vcr-proxy at " + base + " answered " + response.statusCode() + ": "
                    + body.at("/error/message").asText());
        }
        return body;
    }
}
