package dev.vcrproxy.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code vcr-proxy.jar serve} as users run it: a separate process on a free port, stopped with SIGTERM. */
final class VcrJar implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("vcr-proxy listening on (http://\\S+) mode=\\S+ fixtures=.+");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;

    private VcrJar(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("vcr.proxy.jar", "../proxy-server/target/vcr-proxy.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B verify builds it before these tests)");
        }
        return jar;
    }

    static VcrJar start(String mode, Path fixtures, List<String> routes) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar().toString(),
                "serve", "--port", "0", "--mode", mode, "--fixtures", fixtures.toString()));
        command.addAll(routes);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("VCR_") || k.equals("MODAL_ENDPOINT_URL") || k.equals("RECORD_FIXTURES"));
        Path log = Files.createTempFile("vcr-proxy-interop-", ".log");
        log.toFile().deleteOnExit();
        builder.redirectError(log.toFile());
        Process process = builder.start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher ready = line == null ? null : READY.matcher(line);
        if (ready == null || !ready.matches()) {
            process.destroyForcibly();
            throw new IllegalStateException("vcr-proxy did not start (" + String.join(" ", command) + "): " + line + "\n" + Files.readString(log));
        }
        return new VcrJar(process, URI.create(ready.group(1)), log);
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    String base() {
        return base.toString();
    }

    int port() {
        return base.getPort();
    }

    JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/__vcr/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The proxy's log so far (stderr), for failure messages. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as a user stops it: pending recordings are flushed before it exits. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
