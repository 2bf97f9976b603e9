package dev.vcrproxy.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Starts {@code vcr-proxy.jar serve} on a free port and stops it with SIGTERM. */
final class ProxyLauncher implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("vcr-proxy listening on (http://\\S+) mode=\\S+ fixtures=.+");

    private final Process process;
    private final URI base;

    private ProxyLauncher(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static ProxyLauncher start(Path jar, String mode, Path fixtures, String upstream, String... extraArgs) {
        return start(jar, mode, fixtures, upstream, null, extraArgs);
    }

    /** As above; the proxy's log goes to {@code log} (appended) when given, else to this process's stderr. */
    static ProxyLauncher start(Path jar, String mode, Path fixtures, String upstream, Path log, String... extraArgs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("vcr-proxy jar not found at " + jar.toAbsolutePath()
                    + " (build it with ./mvnw -B -DskipTests package, or set vcr.proxy.jar)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--port", "0", "--mode", mode, "--fixtures", fixtures.toString()));
        if (upstream != null && !upstream.isBlank()) {
            command.addAll(List.of("--upstream", upstream));
        }
        command.addAll(List.of(extraArgs));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(log == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher ready = line == null ? null : READY.matcher(line);
            if (ready == null || !ready.matches()) {
                process.destroyForcibly();
                throw new IllegalStateException("vcr-proxy did not start (" + String.join(" ", command) + "): " + line);
            }
            return new ProxyLauncher(process, URI.create(ready.group(1)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start vcr-proxy: " + e.getMessage(), e);
        }
    }

    URI base() {
        return base;
    }

    /** SIGTERM, up to 40 s for in-flight calls and the report, then SIGKILL. */
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
