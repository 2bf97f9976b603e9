package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.JsonPointer;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.sse.ReplayTiming;
import dev.vcrproxy.upstream.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Every option of serve also reads an environment variable: VCR_ + the option name, a repeatable
 * option a comma-separated list." Each option's variable is set and its effect on the proxy's
 * configuration checked; the options are enumerated from the command itself, so a new option
 * without a case here (and so without a checked variable) fails.
 */
class ServeEnvironmentTest {
    @TempDir
    Path dir;

    record Case(String value, Consumer<ProxyConfig> effect) {
    }

    private Map<String, Case> cases() throws IOException {
        Path projectFile = Files.writeString(dir.resolve("project.json"), "{\"ignore_query\": [\"from-file\"]}");
        Map<String, Case> cases = new HashMap<>();
        cases.put("--port", new Case("9123", c -> assertThat(c.port()).isEqualTo(9123)));
        cases.put("--bind", new Case("0.0.0.0", c -> assertThat(c.bind()).isEqualTo("0.0.0.0")));
        cases.put("--upstream", new Case("http://up.example:81", c -> assertThat(c.routes()).extracting(Route::toString)
                .containsExactly("/=http://up.example:81")));
        cases.put("--route", new Case("/generate=https://a.modal.run,/health=https://b.modal.run", c -> assertThat(c.routes())
                .extracting(Route::toString).containsExactly("/generate=https://a.modal.run", "/health=https://b.modal.run")));
        cases.put("--fixtures", new Case(dir.resolve("cassettes").toString(),
                c -> assertThat(c.fixtures()).isEqualTo(dir.resolve("cassettes"))));
        cases.put("--mode", new Case("record", c -> assertThat(c.mode()).isEqualTo(Mode.RECORD)));
        cases.put("--cassette", new Case("suite/one", c -> assertThat(c.defaultCassette().value()).isEqualTo("suite/one")));
        cases.put("--preset", new Case("openai,anthropic", c -> {
            assertThat(c.matchRules().ignoreJson()).extracting(JsonPointer::text).contains("/user");
            assertThat(c.matchRules().matchHeaders()).contains("anthropic-version");
        }));
        cases.put("--ignore-json", new Case("/seed,/id", c -> assertThat(c.matchRules().ignoreJson())
                .extracting(JsonPointer::text).containsExactly("/seed", "/id")));
        cases.put("--match-header", new Case("X-A,x-b", c -> assertThat(c.matchRules().matchHeaders()).containsExactly("x-a", "x-b")));
        cases.put("--ignore-query", new Case("a,b", c -> assertThat(c.matchRules().ignoreQuery()).containsExactlyInAnyOrder("a", "b")));
        cases.put("--redact-header", new Case("x-one,x-two", c -> assertThat(c.matchRules().redactHeaders())
                .containsExactly("x-one", "x-two")));
        cases.put("--redact-json", new Case("/email,/name", c -> assertThat(c.matchRules().redactJson())
                .extracting(JsonPointer::text).containsExactly("/email", "/name")));
        cases.put("--replay-timing", new Case("recorded", c -> assertThat(c.replayTiming()).isEqualTo(ReplayTiming.RECORDED)));
        cases.put("--record-errors", new Case("yes", c -> assertThat(c.recordErrors()).isTrue()));
        cases.put("--max-body-mib", new Case("3", c -> assertThat(c.maxBodyBytes()).isEqualTo(3L << 20)));
        cases.put("--upstream-timeout", new Case("42s", c -> assertThat(c.upstreamTimeout()).isEqualTo(Duration.ofSeconds(42))));
        cases.put("--idle-timeout", new Case("7s", c -> assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(7))));
        cases.put("--upstream-proxy", new Case("http://egress.example:3128", c -> assertThat(c.egress()
                .explain(URI.create("https://api.openai.com"))).contains("http://egress.example:3128")));
        cases.put("--max-upstream-calls", new Case("0", c -> assertThat(c.budgets().maxUpstreamCalls()).isZero()));
        cases.put("--max-upstream-tokens", new Case("5000", c -> assertThat(c.budgets().maxUpstreamTokens()).isEqualTo(5000L)));
        cases.put("--admin-token", new Case("tok", c -> assertThat(c.adminToken()).isEqualTo("tok")));
        cases.put("--report-file", new Case(dir.resolve("r.json").toString(),
                c -> assertThat(c.reportFile()).isEqualTo(dir.resolve("r.json"))));
        cases.put("--intercept", new Case("api.openai.com,*.modal.run",
                c -> assertThat(c.intercept().patterns()).containsExactly("api.openai.com", "*.modal.run")));
        cases.put("--resolve", new Case("api.openai.com:443=127.0.0.1:8443,b.example:80=127.0.0.1:81",
                c -> assertThat(c.resolve().addressOf("b.example", 80)).isEqualTo(java.net.InetSocketAddress.createUnresolved("127.0.0.1", 81))));
        cases.put("--ca-dir", new Case(dir.resolve("ca").toString(), c -> assertThat(c.caDirectory().dir()).isEqualTo(dir.resolve("ca"))));
        cases.put("--fault", new Case("status:429@times=2,rechunk:7",
                c -> assertThat(c.faults().rules()).extracting(Object::toString).containsExactly("status:429@times=2", "rechunk:7")));
        cases.put("--fault-seed", new Case("42", c -> assertThat(c.faults().seed()).isEqualTo(42L)));
        cases.put("--config", new Case(projectFile.toString(), c -> {
            assertThat(c.projectFile()).isEqualTo(projectFile);
            assertThat(c.matchRules().ignoreQuery()).contains("from-file");
        }));
        return cases;
    }

    static ServeCommand parsed(Map<String, String> env, String... args) {
        CommandLine serve = ServeCommand.commandLine(env);
        serve.parseArgs(args);
        return serve.getCommand();
    }

    private static List<OptionSpec> options() {
        return ServeCommand.commandLine(Map.of()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    @Test
    void everyOptionReadsItsVariable() throws IOException {
        Map<String, Case> cases = cases();
        assertThat(options()).extracting(OptionSpec::longestName)
                .as("every serve option needs a case here that sets its VCR_ variable and checks the effect")
                .containsExactlyInAnyOrderElementsOf(cases.keySet());
        for (OptionSpec option : options()) {
            Case c = cases.get(option.longestName());
            String variable = EnvDefaults.variable(option);
            ProxyConfig config = parsed(Map.of(variable, c.value())).config();
            try {
                c.effect().accept(config);
            } catch (AssertionError e) {
                throw new AssertionError(variable + "=" + c.value() + " had no effect on " + option.longestName() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void variableNamesFollowTheRule() {
        Map<String, String> names = options().stream().collect(Collectors.toMap(OptionSpec::longestName, EnvDefaults::variable));
        assertThat(names).containsEntry("--max-body-mib", "VCR_MAX_BODY_MIB").containsEntry("--route", "VCR_ROUTE")
                .containsEntry("--port", "VCR_PORT");
    }

    @Test
    void everyRepeatableOptionSplitsItsVariableOnCommas() {
        assertThat(options().stream().filter(OptionSpec::isMultiValue))
                .isNotEmpty()
                .allSatisfy(o -> assertThat(o.splitRegex()).as(o.longestName() + " needs split = \",\"").isEqualTo(","));
    }

    @Test
    void theCommandLineWinsOverTheVariable() {
        ServeCommand serve = parsed(Map.of("VCR_PORT", "9123", "VCR_ROUTE", "/a=http://a.example"), "--port", "7000",
                "--route", "/b=http://b.example");
        assertThat(serve.config().port()).isEqualTo(7000);
        assertThat(serve.config().routes()).extracting(Route::prefix).containsExactly("/b");
    }

    @Test
    void anEmptyVariableIsUnset() {
        ProxyConfig config = parsed(Map.of("VCR_PORT", "", "VCR_MODE", " ", "VCR_UPSTREAM", "")).config();
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.mode()).isEqualTo(Mode.REPLAY);
        assertThat(config.routes()).isEmpty();
    }

    @Test
    void aValueThatCannotBeReadNamesItsVariable() {
        for (Map.Entry<String, String> bad : Map.of("VCR_PORT", "abc", "VCR_RECORD_ERRORS", "maybe", "VCR_UPSTREAM_TIMEOUT", "soon").entrySet()) {
            StringWriter err = new StringWriter();
            CommandLine serve = ServeCommand.commandLine(Map.of(bad.getKey(), bad.getValue()));
            serve.setErr(new PrintWriter(err, true));
            assertThat(serve.execute()).isEqualTo(2);
            assertThat(err.toString().lines().findFirst().orElseThrow()).contains("'" + bad.getValue() + "'")
                    .endsWith("(from " + bad.getKey() + ")");
        }
    }

    @Test
    void helpListsEveryVariable() {
        StringWriter out = new StringWriter();
        CommandLine serve = ServeCommand.commandLine(Map.of());
        serve.setOut(new PrintWriter(out, true));
        assertThat(serve.execute("--help")).isZero();
        assertThat(out.toString()).contains("Environment:");
        for (OptionSpec option : options()) {
            assertThat(out.toString()).containsPattern("  " + EnvDefaults.variable(option) + " +" + option.longestName());
        }
    }

    @Test
    void modalEndpointUrlRoutesOnlyWhenNothingElseDoes() {
        Map<String, String> env = Map.of("MODAL_ENDPOINT_URL", "https://org--generate.modal.run");
        assertThat(parsed(env).config().routes()).extracting(Route::toString)
                .containsExactly("/generate=https://org--generate.modal.run", "/health=https://org--health.modal.run");
        assertThat(parsed(env, "--route", "/v1=https://api.example.com/v1").config().routes()).extracting(Route::toString)
                .containsExactly("/v1=https://api.example.com/v1");
        assertThat(parsed(Map.of("MODAL_ENDPOINT_URL", "https://org--generate.modal.run", "VCR_UPSTREAM", "http://up.example"))
                .config().routes()).extracting(Route::toString).containsExactly("/=http://up.example");
    }

    @Test
    void modalEndpointUrlPointingAtThisProxyIsIgnoredOnlyInReplay() {
        Map<String, String> self = Map.of("MODAL_ENDPOINT_URL", "http://127.0.0.1:8080/generate");
        assertThat(parsed(self).config().routes()).isEmpty();
        assertThat(parsed(self, "--port", "8081").config().routes()).hasSize(2);
        assertThat(parsed(self, "--mode", "record-missing").config().routes()).hasSize(2); // refused when it starts
        assertThatThrownBy(() -> parsed(Map.of("MODAL_ENDPOINT_URL", "org--generate.modal.run")).config())
                .hasMessageStartingWith("MODAL_ENDPOINT_URL: ");
    }

    @Test
    void recordFixturesAcceptsTheUsualSpellingsOfYes() {
        for (String yes : List.of("true", "1", "yes", "on", "TRUE", "Yes", " On ")) {
            assertThat(parsed(Map.of("RECORD_FIXTURES", yes)).resolveMode()).as(yes).isEqualTo(Mode.RECORD_MISSING);
        }
        for (String no : List.of("false", "0", "no", "off", "", "FALSE")) {
            assertThat(parsed(Map.of("RECORD_FIXTURES", no)).resolveMode()).as(no).isEqualTo(Mode.REPLAY);
        }
        assertThat(parsed(Map.of()).resolveMode()).isEqualTo(Mode.REPLAY);
    }

    @Test
    void vcrModeWinsOverRecordFixtures() {
        assertThat(parsed(Map.of("RECORD_FIXTURES", "1", "VCR_MODE", "replay")).resolveMode()).isEqualTo(Mode.REPLAY);
        assertThat(parsed(Map.of("RECORD_FIXTURES", "nonsense", "VCR_MODE", "record")).resolveMode()).isEqualTo(Mode.RECORD);
    }

    @Test
    void anUnrecognisedRecordFixturesIsAUsageErrorThatSaysWhatIsAccepted() {
        StringWriter err = new StringWriter();
        CommandLine serve = ServeCommand.commandLine(Map.of("RECORD_FIXTURES", "ture"));
        serve.setErr(new PrintWriter(err, true));
        assertThat(serve.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("RECORD_FIXTURES='ture' is neither yes (true, 1, yes, on: record-missing) nor no (false, 0, no, off, empty: replay)");
        assertThatThrownBy(() -> parsed(Map.of("RECORD_FIXTURES", "ture")).resolveMode())
                .hasMessageContaining("VCR_MODE");
    }
}
