package dev.vcrproxy.cli;

import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar as users run it: its log on stderr, its report file and {@code status} never show a key. */
class SecretsProcessIT {
    private static final String KEY = "sk-proj-Abc123def456GHI789jkl012MNO345pqr";
    private static final String MASKED = "sk-proj-Abc1…<redacted>";

    @TempDir
    Path dir;

    @Test
    void stderrTheReportFileAndStatusMaskKeysFromPathsBodiesAndCassetteNames() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Path report = dir.resolve("report.json");
        try (StandInUpstream upstream = new StandInUpstream();
             ProxyProcess proxy = ProxyProcess.start(Map.of("VCR_LOG_LEVEL", "DEBUG"), "serve", "--port", "0",
                     "--mode", "record-missing", "--upstream", upstream.uri().toString(), "--fixtures", fixtures.toString(),
                     "--report-file", report.toString())) {
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"hi\"}");
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"hi\", \"key\": \"" + KEY + "\"}"); // blocked
            Http.get(proxy.baseUrl() + "/v1/files/" + KEY + "/health"); // blocked, the key in the path
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"hi\"}", "X-Vcr-Cassette", KEY); // blocked by its name
            Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"replay\"}");
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"" + KEY + "\"}"); // a miss

            StringWriter status = new StringWriter();
            var cli = VcrProxyCli.commandLine();
            cli.setOut(new PrintWriter(status, true));
            assertThat(cli.execute("status", "--admin", proxy.baseUrl())).isZero();
            assertThat(status.toString()).contains(MASKED, "record_errors").doesNotContain(KEY);

            assertThat(proxy.terminate()).isZero();
            String stderr = proxy.stderr();
            assertThat(stderr).contains("ERROR", "WARN", MASKED, "not recorded: GET /v1/files/" + MASKED + "/health",
                    "secrets_blocked=3").doesNotContain(KEY);
            assertThat(Files.readString(report)).contains(MASKED).doesNotContain(KEY);
            try (var files = Files.walk(fixtures)) {
                assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("sk-proj"));
            }
            assertThat(Files.readString(fixtures.resolve("default.json"))).doesNotContain("sk-proj");
        }
    }
}
