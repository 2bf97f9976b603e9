package dev.vcrproxy.cli;

import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.server.VcrProxyServer;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vcr-proxy check} in-process against a real running proxy, and over the report file it writes at shutdown. */
class CheckCommandIT {
    private static final String PROMPT = "{\"prompt\":\"Parse: order 12 lamps\",\"temperature\":0.0}";

    @TempDir
    Path fixtures;
    @TempDir
    Path target;

    @Test
    void checkReadsARunningProxyAndItsReportFile() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream()) {
            VcrProxyServer recorder = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures)
                    .mode(Mode.RECORD_MISSING).upstream(upstream.uri().toString()).build());
            Http.post(recorder.baseUrl() + "/__cassette/suite%2Ftest_parser/generate", PROMPT);
            recorder.close();
        }
        Path reportFile = target.resolve("vcr-report.json");
        VcrProxyServer proxy = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.REPLAY)
                .reportFile(reportFile).build());
        try {
            String cassetteUrl = proxy.baseUrl() + "/__cassette/suite%2Ftest_parser/generate";
            assertThat(Http.post(cassetteUrl, PROMPT).statusCode()).isEqualTo(200);
            var clean = AdminCommandsIT.run("check", "--admin", proxy.baseUrl());
            assertThat(clean.exit()).isZero();
            assertThat(clean.out()).startsWith("vcr-proxy check: passed (--fail-on miss)\nreport " + proxy.baseUrl()
                    + "/__vcr/report, mode replay\nreplayed 1, recorded 0, passed through 0, misses 0");

            assertThat(Http.post(cassetteUrl, PROMPT.replace("0.0", "0.7")).statusCode()).isEqualTo(404);
            var failed = AdminCommandsIT.run("check", "--admin", proxy.baseUrl());
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out()).contains("1 miss:\n  suite/test_parser: POST /generate (key ",
                    "    body /temperature: recorded 0.0, actual 0.7\n");
        } finally {
            proxy.close();
        }
        var fromFile = AdminCommandsIT.run("check", "--report", reportFile.toString(), "--format", "markdown");
        assertThat(fromFile.exit()).isEqualTo(1);
        assertThat(fromFile.out()).startsWith("### vcr-proxy check: failed, 1 miss\n")
                .contains("| 1 | 0 | 0 | 1 | 0 | 0 |", "  - `body /temperature: recorded 0.0, actual 0.7`");
        assertThat(AdminCommandsIT.run("check", "--report", reportFile.toString(), "--fail-on", "upstream").exit()).isZero();
    }
}
