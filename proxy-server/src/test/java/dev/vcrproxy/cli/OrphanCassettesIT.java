package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.server.VcrProxyServer;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.vcrproxy.cli.AdminCommandsIT.run;
import static org.assertj.core.api.Assertions.assertThat;

/** A renamed test leaves its cassette behind: the report lists it, {@code prune --orphans} deletes it. */
class OrphanCassettesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path fixtures;
    @TempDir
    Path out;

    @Test
    void theReportListsCassettesTheRunNeverTouchedAndPruneOrphansDeletesThem() throws Exception {
        try (StandInUpstream upstream = new StandInUpstream()) {
            VcrProxyServer recording = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.RECORD_MISSING)
                    .upstream(upstream.uri().toString()).build());
            for (String cassette : List.of("suite/test_kept", "suite/test_renamed", "gone/test_removed", "other")) {
                Http.post(recording.baseUrl() + "/generate", "{\"prompt\": \"p\"}", "X-Vcr-Cassette", cassette);
            }
            recording.close();
        }
        Files.writeString(fixtures.resolve("notes.json"), "{\"not\": \"a cassette\"}\n");

        Path reportFile = out.resolve("report.json");
        VcrProxyServer replay = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.REPLAY)
                .reportFile(reportFile).build());
        Http.post(replay.baseUrl() + "/generate", "{\"prompt\": \"p\"}", "X-Vcr-Cassette", "suite/test_kept");
        Http.post(replay.baseUrl() + "/generate", "{\"prompt\": \"q\"}", "X-Vcr-Cassette", "other"); // a miss touches it too
        JsonNode live = JSON.readTree(Http.get(replay.baseUrl() + "/__vcr/report").body());
        assertThat(names(live.get("unused_cassettes"))).containsExactly("gone/test_removed", "suite/test_renamed");
        replay.close();
        assertThat(names(JSON.readTree(reportFile.toFile()).get("unused_cassettes")))
                .containsExactly("gone/test_removed", "suite/test_renamed");

        String report = reportFile.toString();
        AdminCommandsIT.Run dry = run("cassettes", "prune", "--report", report, "--fixtures", fixtures.toString(), "--orphans", "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("gone/test_removed: would delete (not used by the run)\n",
                "suite/test_renamed: would delete (not used by the run)\n");
        assertThat(fixtures.resolve("suite/test_renamed.json")).exists();

        assertThat(run("cassettes", "prune", "--report", report, "--fixtures", fixtures.toString()).out())
                .as("without --orphans they stay").doesNotContain("test_renamed");
        assertThat(fixtures.resolve("suite/test_renamed.json")).exists();

        AdminCommandsIT.Run pruned = run("cassettes", "prune", "--report", report, "--fixtures", fixtures.toString(), "--orphans");
        assertThat(pruned.exit()).as(pruned.err()).isZero();
        assertThat(pruned.out()).contains("suite/test_renamed: deleted (not used by the run)\n")
                .endsWith("; deleted 2 cassette(s) it never touched\n");
        assertThat(fixtures.resolve("suite/test_renamed.json")).doesNotExist();
        assertThat(fixtures.resolve("gone")).as("its emptied folder goes too").doesNotExist();
        assertThat(fixtures.resolve("suite/test_kept.json")).exists();
        assertThat(fixtures.resolve("other.json")).exists();
        assertThat(fixtures.resolve("notes.json")).as("not a cassette, never listed").exists();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
