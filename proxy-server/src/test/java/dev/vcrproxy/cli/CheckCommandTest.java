package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.admin.AdminContext;
import dev.vcrproxy.admin.Report;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.ShapeChange;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.mode.ProxyState;
import dev.vcrproxy.mode.SequenceCounters;
import dev.vcrproxy.mode.Stats;
import dev.vcrproxy.mode.Usage;
import dev.vcrproxy.store.FileCassetteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vcr-proxy check} in-process, over reports written by the proxy's own {@link Report}. */
class CheckCommandTest {
    private static final CassetteName PARSER = CassetteName.of("suite/test_parser");
    private static final String KEY = "23070febb4f9a8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5";

    @TempDir
    Path dir;
    private ProxyState state;
    private Stats stats;
    private Usage usage;
    private FileCassetteStore store;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void run() {
        state = new ProxyState(Mode.REPLAY, CassetteName.of("default"));
        stats = new Stats();
        usage = new Usage();
        store = new FileCassetteStore(dir.resolve("fixtures"), 1 << 20);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCleanRunPassesWithItsCounts() throws IOException {
        hits(3);
        ObjectNode written = Report.build(context());
        List.of("upstream_calls", "tokens_spent", "calls_saved", "tokens_saved", "time_saved_ms")
                .forEach(((ObjectNode) written.get("totals"))::remove); // as a proxy without the usage ledger writes it
        Run run = check("--report", write(Json.pretty(written)).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("vcr-proxy check: passed (--fail-on miss)\n")
                .contains("replayed 3, recorded 0, passed through 0, misses 0, upstream errors 0, unused 0")
                .doesNotContain("saved", "verified");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aMissFailsNamingItsCassetteRequestAndDifferingField() throws IOException {
        hits(2);
        miss();
        Run run = check("--report", report().toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith("vcr-proxy check: FAILED: 1 miss (--fail-on miss)\n").contains(
                "1 miss:\n  suite/test_parser: POST /generate (key 23070febb4f9…)\n"
                        + "    body /temperature: recorded 0.0, actual 0.7\n");
    }

    @Test
    void driftFailsOnlyWhenAskedFor() throws IOException {
        hits(1);
        drift();
        Path report = report();
        Run lenient = check("--report", report.toString());
        assertThat(lenient.exit()).isZero();
        assertThat(lenient.out()).contains("verified 0, drifted 1", "1 drifted:\n  suite/test_parser: POST /generate (key 23070febb4f9… seq 0)\n"
                + "    body /tokens_used: recorded number, live string\n"
                + "    body /usage/prompt_tokens_details/cached_tokens: added (number)\n");
        Run strict = check("--report", report.toString(), "--fail-on", "miss,drift");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).startsWith("vcr-proxy check: FAILED: 1 drifted (--fail-on miss,drift)");
    }

    @Test
    void unusedAndUpstreamAreKindsToo() throws IOException {
        hits(1);
        stats.count(PARSER, Outcome.RECORDED);
        ObjectNode written = Report.build(context());
        ((ObjectNode) written.at("/cassettes/suite~1test_parser")).putArray("unused_keys").add(KEY);
        written.putArray("unused_cassettes").add("old/test_gone");
        Path report = write(Json.pretty(written));
        assertThat(check("--report", report.toString()).exit()).isZero();
        Run unused = check("--report", report.toString(), "--fail-on", "unused");
        assertThat(unused.exit()).isEqualTo(1);
        assertThat(unused.out()).contains("1 unused recording: suite/test_parser 1", "1 unused cassette file: old/test_gone");
        assertThat(check("--report", report.toString(), "--fail-on", "upstream").exit()).isEqualTo(1);
    }

    @Test
    void savingsShowWhenTheReportHasThem() throws IOException {
        hits(12);
        ObjectNode written = Report.build(context());
        ((ObjectNode) written.get("totals")).put("calls_saved", 12).put("tokens_saved", 9812).put("time_saved_ms", 372_400)
                .put("upstream_calls", 0).put("tokens_spent", 0);
        Run run = check("--report", write(Json.pretty(written)).toString());
        assertThat(run.out()).contains("\nsaved 12 calls, 9,812 tokens, 6 min 12 s of model time; spent 0 upstream calls, 0 tokens\n");
        Run markdown = check("--report", write(Json.pretty(written)).toString(), "--format", "markdown");
        assertThat(markdown.out()).contains("| calls saved | tokens saved | model time saved | upstream calls | tokens spent |",
                "| 12 | 9,812 | 6 min 12 s | 0 | 0 |");
    }

    @Test
    void markdownIsATableThenEachMissWithItsFields() throws IOException {
        hits(2);
        miss();
        Run run = check("--report", report().toString(), "--format", "markdown");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                ### vcr-proxy check: failed, 1 miss

                | replayed | recorded | passed through | misses | upstream errors | unused | calls saved | tokens saved | model time saved | upstream calls | tokens spent |
                |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | 2 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 ms | 0 | 0 |

                **Misses** (no recording; the closest recording differs in):

                - `suite/test_parser` `POST /generate` (key `23070febb4f9…`)
                  - `body /temperature: recorded 0.0, actual 0.7`
                """);
    }

    @Test
    void jsonSaysWhatFailed() throws IOException {
        miss();
        drift();
        Run run = check("--report", report().toString(), "--format", "json", "--fail-on", "drift");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = Json.parse(run.out().getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("failing")).containsExactly(Json.object().textNode("drift"));
        assertThat(json.at("/found/miss").asLong()).isEqualTo(1);
        assertThat(json.at("/misses/0/differences/0/pointer").asText()).isEqualTo("/temperature");
        assertThat(json.at("/drift/0/changes/0").asText()).isEqualTo("body /tokens_used: recorded number, live string");
    }

    @Test
    void anUnreadableReportIsOneLineAndExit2() throws IOException {
        Run missing = check("--report", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("vcr-proxy check: " + dir.resolve("nope.json") + ": no such file"
                + " (write it with serve --report-file)\n");
        Path truncated = write("{\"totals\": {\"hits\": 3}, \"cass");
        Run corrupt = check("--report", truncated.toString());
        assertThat(corrupt.exit()).isEqualTo(2);
        assertThat(corrupt.err()).startsWith("vcr-proxy check: " + truncated + ": not valid JSON (").doesNotContain("\tat ");
        assertThat(corrupt.err().lines()).hasSize(1);
        Run notAReport = check("--report", write("{\"hits\": 3}").toString());
        assertThat(notAReport.exit()).isEqualTo(2);
        assertThat(notAReport.err()).contains("not a vcr-proxy report");
        assertThat(corrupt.out()).isEmpty();
    }

    @Test
    void usageErrorsExit2() throws IOException {
        Path report = report();
        assertThat(check("--report", report.toString(), "--fail-on", "typos").exit()).isEqualTo(2);
        assertThat(check("--report", report.toString(), "--format", "html").exit()).isEqualTo(2);
        assertThat(check("--report", report.toString(), "--admin", "http://127.0.0.1:1").exit()).isEqualTo(2);
    }

    @Test
    void anUnreachableProxyIsExit2() {
        Run run = check("--admin", "http://127.0.0.1:1");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("vcr-proxy check: cannot reach vcr-proxy at http://127.0.0.1:1");
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(List.of(850L, 12_345L, 372_400L, 3_840_000L)).map(CheckOutput::duration)
                .containsExactly("850 ms", "12.3 s", "6 min 12 s", "1 h 4 min");
    }

    private void hits(int n) {
        for (int i = 0; i < n; i++) {
            stats.count(PARSER, Outcome.HIT);
        }
        usage.used(PARSER, KEY.replace('2', '9'));
    }

    private void miss() {
        stats.count(PARSER, Outcome.MISS);
        var differences = Json.array();
        differences.addObject().put("field", "body").put("pointer", "/temperature").put("change", "changed")
                .put("recorded", 0.0).put("actual", 0.7);
        usage.missed(PARSER, new Usage.MissRecord(KEY, "POST /generate", KEY.replace('2', '9'), differences));
    }

    private void drift() {
        stats.count(PARSER, Outcome.HIT);
        stats.count(PARSER, Outcome.DRIFTED);
        usage.used(PARSER, KEY);
        usage.drifted(new Usage.DriftRecord(PARSER, KEY, 0, "POST", "/generate", "/", List.of(
                new ShapeChange("body", null, "/tokens_used", "type", "number", "string"),
                new ShapeChange("body", null, "/usage/prompt_tokens_details/cached_tokens", "added", null, "number"))));
    }

    private AdminContext context() {
        return new AdminContext(state, stats, new SequenceCounters(), usage, store, "test", null,
                new dev.vcrproxy.faults.FaultPlan(List.of(), 1));
    }

    private Path report() throws IOException {
        return write(Json.pretty(Report.build(context())));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "report", ".json");
        Files.writeString(file, text);
        return file;
    }

    private Run check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        var cli = VcrProxyCli.commandLine(all);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(all), out.toString(), err.toString());
    }
}
