package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.server.VcrProxyServer;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI commands in-process, against a real running proxy. */
class AdminCommandsIT {
    @TempDir
    Path fixtures;
    StandInUpstream upstream;
    VcrProxyServer proxy;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        upstream = new StandInUpstream();
        proxy = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.REPLAY)
                .upstream(upstream.uri().toString()).adminToken("tok").build());
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = VcrProxyCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void modePrintsAndSetsTheModeOfARunningProxy() {
        String admin = proxy.baseUrl();
        assertThat(run("mode", "--admin", admin)).isEqualTo(new Run(0, "replay\n", ""));
        Run denied = run("mode", "record", "--admin", admin);
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).contains("401").contains("Authorization: Bearer");
        assertThat(run("mode", "record", "--admin", admin, "--admin-token", "tok")).isEqualTo(new Run(0, "record\n", ""));
        assertThat(proxy.state().mode()).isEqualTo(Mode.RECORD);
        assertThat(run("mode", "verify", "--admin", admin, "--admin-token", "tok")).isEqualTo(new Run(0, "verify\n", ""));
        assertThat(proxy.state().mode()).isEqualTo(Mode.VERIFY);
    }

    @Test
    void unknownModesAndUnreachableProxiesFailWithOneClearLine() throws Exception {
        Run unknown = run("mode", "sometimes", "--admin", proxy.baseUrl());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("unknown mode 'sometimes'; expected one of replay, record-missing, record, passthrough");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run unreachable = run("status", "--admin", "http://127.0.0.1:" + port);
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err().trim()).doesNotContain("\n").contains("cannot reach vcr-proxy at http://127.0.0.1:" + port);
    }

    @Test
    void aServerThatIsNotAVcrProxyIsOneLineNotItsPage() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<!DOCTYPE html>\n<html><body><h1>Not Found</h1></body></html>\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            String base = "http://127.0.0.1:" + other.getAddress().getPort();
            for (String command : new String[] {"status", "mode"}) {
                Run run = run(command, "--admin", base);
                assertThat(run.exit()).isEqualTo(1);
                assertThat(run.err()).isEqualTo("vcr-proxy " + command + ": " + base + ": not a vcr-proxy (answered 404 text/html)\n");
            }
        } finally {
            other.stop(0);
        }
    }

    @Test
    void statusColumnsStayAlignedForLongCassetteNames() {
        String longName = "suite/test_a_rather_long_parametrized_case_gpt-4o-mini_temperature-0.7";
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\"}", "X-Vcr-Cassette", longName);
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\"}", "X-Vcr-Cassette", "short");
        List<String> lines = run("status", "--admin", proxy.baseUrl()).out().lines().skip(1)
                .takeWhile(line -> !line.isEmpty()).toList(); // the counts table; spend and budgets follow

        assertThat(lines).hasSize(4);
        int missesEnd = lines.get(0).indexOf("misses") + "misses".length();
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.charAt(missesEnd - 1)).as(line).isNotEqualTo(' ');
            assertThat(line.length()).as(line).isEqualTo(lines.get(0).length());
        }
    }

    @Test
    void statusWaitsForAProxyThatIsStillStartingOrGivesUpWithOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run gaveUp = run("status", "--wait", "300ms", "--admin", "http://127.0.0.1:" + port);
        assertThat(gaveUp.exit()).isEqualTo(1);
        assertThat(gaveUp.err().trim()).doesNotContain("\n").contains("connection refused").contains("waited 300 ms");

        int late = port;
        VcrProxyServer[] started = new VcrProxyServer[1];
        Thread lateStart = new Thread(() -> {
            try {
                Thread.sleep(700);
                started[0] = VcrProxyServer.start(ProxyConfig.builder().port(late).fixtures(fixtures).mode(Mode.REPLAY).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lateStart.start();
        try {
            Run waited = run("status", "--wait", "30s", "--admin", "http://127.0.0.1:" + port);
            assertThat(waited.exit()).isZero();
            assertThat(waited.out()).contains("mode=replay");
        } finally {
            lateStart.join();
            started[0].close();
        }
    }

    @Test
    void statusPrintsATableOrJson() {
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\"}", "X-Vcr-Cassette", "suite/t1");
        Run table = run("status", "--admin", proxy.baseUrl());
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("mode=replay").contains("hits").contains("misses");
        assertThat(table.out().lines().filter(l -> l.startsWith("suite/t1")).findFirst().orElseThrow()).matches("suite/t1\\s+0\\s+1\\s+0.*");
        Run json = run("status", "--json", "--admin", proxy.baseUrl());
        assertThat(json.out()).contains("\"misses\":1");
    }

    @Test
    void statusShowsCallsAndTokensSpentAndSavedAndTheBudgets() throws Exception {
        proxy.state().setMode(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"alpha\"}", "X-Vcr-Cassette", "suite/t2");   // 15 tokens
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"alpha\"}", "X-Vcr-Cassette", "suite/t2");   // a hit
        Run table = run("status", "--admin", proxy.baseUrl());
        assertThat(table.exit()).isZero();
        java.util.List<String> lines = table.out().lines().toList();
        int spendHeader = lines.indexOf(lines.stream().filter(l -> l.contains("upstream_calls")).findFirst().orElseThrow());
        assertThat(lines.get(spendHeader)).matches("cassette\\s+upstream_calls tokens_spent calls_saved tokens_saved\\s+time_saved");
        assertThat(lines.get(spendHeader + 1)).matches("\\(all\\)\\s+1\\s+15\\s+1\\s+15\\s+\\d+\\.\\d s");
        assertThat(lines.get(spendHeader + 2)).matches("suite/t2\\s+1\\s+15\\s+1\\s+15\\s+\\d+\\.\\d s");
        assertThat(table.out()).doesNotContain("budgets:");

        try (VcrProxyServer capped = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.RECORD_MISSING)
                .upstream(upstream.uri().toString()).maxUpstreamCalls(0L).build())) {
            assertThat(Http.post(capped.baseUrl() + "/generate", "{\"prompt\": \"new\"}").statusCode()).isEqualTo(429);
            assertThat(run("status", "--admin", capped.baseUrl()).out())
                    .contains("budgets: --max-upstream-calls 0 (0 used), refused 1\n");
        }
    }

    @Test
    void pruneRemovesOnlyWhatTheRunNeverUsed() throws Exception {
        proxy.state().setMode(Mode.RECORD_MISSING);
        for (String prompt : new String[] {"keep", "drop"}) {
            Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"" + prompt + "\"}", "X-Vcr-Cassette", "used");
        }
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"other\"}", "X-Vcr-Cassette", "untouched");
        proxy.close();
        VcrProxyServer replay = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.REPLAY)
                .reportFile(fixtures.resolve("report.json")).build());
        Http.post(replay.baseUrl() + "/generate", "{\"prompt\": \"keep\"}", "X-Vcr-Cassette", "used");
        replay.close();

        String before = Files.readString(fixtures.resolve("used.json"));
        Run dry = run("cassettes", "prune", "--report", fixtures.resolve("report.json").toString(), "--fixtures", fixtures.toString(), "--dry-run");
        assertThat(dry.out()).isEqualTo("used: would remove 1 of 2 recordings\n"
                + "would remove 1 of 2 recordings in 1 of 1 cassette(s) the run used\n");
        assertThat(Files.readString(fixtures.resolve("used.json"))).isEqualTo(before);

        Run pruned = run("cassettes", "prune", "--report", fixtures.resolve("report.json").toString(), "--fixtures", fixtures.toString());
        assertThat(pruned).isEqualTo(new Run(0, "removed 1 of 2 recordings in 1 of 1 cassette(s) the run used\n", ""));
        JsonNode used = new ObjectMapper().readTree(fixtures.resolve("used.json").toFile());
        assertThat(used.get("interactions")).hasSize(1);
        assertThat(used.at("/interactions/0/request/body/prompt").asText()).isEqualTo("keep");
        assertThat(new ObjectMapper().readTree(fixtures.resolve("untouched.json").toFile()).get("interactions")).hasSize(1);
    }
}
