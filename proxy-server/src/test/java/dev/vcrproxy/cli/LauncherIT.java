package dev.vcrproxy.cli;

import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ProxyProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./vcr-proxy serve}, the README's first command, in a copy of the checkout whose
 * {@code mvnw} stands in for the build (it copies the jar this build made and notes its arguments):
 * it builds when the jar is missing or older than a source, makes the class-data archive on first
 * use (a training run before the first start) and after a rebuild, uses it, and starts anyway with
 * a broken one.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String DEMO = "{\"prompt\": \"Extract the shipment: 3 crates to Oslo by Friday\", \"max_tokens\": 256, \"temperature\": 0.0}";

    private Path checkout;
    private Path archive;
    private Path jar;

    @BeforeEach
    void copyTheCheckout() throws IOException {
        checkout = Files.createTempDirectory("vcr-launcher-");
        for (String file : List.of("vcr-proxy", "docker/train-class-archive", "fixtures/default.json", "pom.xml", "proxy-server/pom.xml",
                "proxy-server/src/main/java/dev/vcrproxy/cli/VcrProxyCli.java")) {
            Files.createDirectories(checkout.resolve(file).getParent());
            Files.copy(ROOT.resolve(file), checkout.resolve(file));
        }
        Files.writeString(checkout.resolve("mvnw"), """
                #!/bin/sh
                echo "$@" >> mvnw.calls
                mkdir -p proxy-server/target && cp "$BUILT_JAR" proxy-server/target/vcr-proxy.jar
                """);
        checkout.resolve("mvnw").toFile().setExecutable(true);
        jar = checkout.resolve("proxy-server/target/vcr-proxy.jar");
        archive = checkout.resolve("proxy-server/target/vcr-proxy.jsa");
    }

    @AfterEach
    void removeTheCopy() throws IOException {
        try (Stream<Path> files = Files.walk(checkout)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void buildsWhenNeededAndStartsWithAClassDataArchive() throws Exception {
        assertThat(serveAndAnswer()).as("first start, no jar: built, trained, then served from the archive").isPositive();
        assertThat(builds()).containsExactly("-B -q -DskipTests package -pl proxy-server -am");
        assertThat(archive).isNotEmptyFile();
        FileTime trained = Files.getLastModifiedTime(archive);

        assertThat(serveAndAnswer()).as("a later start loads classes from the archive").isPositive();
        assertThat(builds()).hasSize(1);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(trained);

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600))); // a source is newer than the jar
        serveAndAnswer();
        assertThat(builds()).hasSize(2);
        assertThat(Files.getLastModifiedTime(archive)).as("re-created after the rebuild").isGreaterThan(trained);

        archive.toFile().setWritable(true);
        Files.write(archive, new byte[4096]);
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(serveAndAnswer()).as("a broken archive is not used, and does not stop the start").isZero();
        assertThat(builds()).hasSize(2);
    }

    private List<String> builds() throws IOException {
        return Files.readAllLines(checkout.resolve("mvnw.calls"));
    }

    /** Runs {@code ./vcr-proxy serve}, replays the README's demo request, stops it; how many classes came from the archive. */
    private long serveAndAnswer() throws Exception {
        Path classLog = checkout.resolve("classes.log");
        Files.deleteIfExists(classLog);
        ProcessBuilder builder = new ProcessBuilder("bash", "./vcr-proxy", "serve", "--port", "0").directory(checkout.toFile())
                .redirectError(checkout.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("VCR_") || k.equals("MODAL_ENDPOINT_URL") || k.equals("RECORD_FIXTURES"));
        builder.environment().put("BUILT_JAR", ProxyProcess.jar().toString());
        builder.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Process process = builder.start();
        try {
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).as(Files.readString(checkout.resolve("stderr.log"))).startsWith("vcr-proxy listening on http://127.0.0.1:").endsWith(" mode=replay fixtures=fixtures");
            HttpResponse<String> answer = Http.post(line.split(" ")[3] + "/generate", DEMO, "Content-Type", "application/json");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        } finally {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.filter(l -> l.contains("source: shared objects file (top)")).count();
        }
    }
}
