package dev.vcrproxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real jar ({@code target/vcr-proxy.jar}) run as a separate process, as users run it. */
public final class ProxyProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("vcr-proxy listening on (http://\\S+) mode=(\\S+) fixtures=(.+)");

    private final Process process;
    private final String readyLine;
    private final String baseUrl;
    private final Path stderr;

    private ProxyProcess(Process process, String readyLine, String baseUrl, Path stderr) {
        this.process = process;
        this.readyLine = readyLine;
        this.baseUrl = baseUrl;
        this.stderr = stderr;
    }

    public static Path jar() {
        Path jar = Path.of("target", "vcr-proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run './mvnw verify' (the jar is built before integration tests)");
        }
        return jar;
    }

    /** How a command that ends by itself ended. */
    public record Exit(int code, String stdout, String stderr) {
    }

    /** Runs {@code args} to their end (e.g. a {@code serve} that refuses to start). */
    public static Exit run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("vcr-proxy-", ".log");
        Process process = builder(env, stderr, args).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("vcr-proxy " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Exit(process.exitValue(), stdout, Files.readString(stderr));
    }

    private static ProcessBuilder builder(Map<String, String> env, Path stderr, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("VCR_") || k.equals("MODAL_ENDPOINT_URL") || k.equals("RECORD_FIXTURES")
                || k.toLowerCase(java.util.Locale.ROOT).matches("https?_proxy|no_proxy"));
        builder.environment().putAll(env);
        builder.redirectError(stderr.toFile());
        return builder;
    }

    public static ProxyProcess start(Map<String, String> env, String... args) throws IOException {
        Path stderr = Files.createTempFile("vcr-proxy-", ".log");
        Process process = builder(env, stderr, args).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("proxy exited before it was ready: " + Files.readString(stderr));
        }
        Matcher m = READY.matcher(line);
        if (!m.matches()) {
            process.destroyForcibly();
            throw new IllegalStateException("unexpected first line: " + line);
        }
        return new ProxyProcess(process, line, m.group(1), stderr);
    }

    public String readyLine() {
        return readyLine;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Process process() {
        return process;
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** SIGTERM, then waits; the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("proxy did not stop within 40 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
