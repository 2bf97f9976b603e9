package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Fixtures;
import dev.vcrproxy.cassette.JsonPointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "serve and every cassettes command read it when present; command-line flags add to it": the
 * project file in the fixtures folder spares the flag someone forgot.
 */
class ProjectFileCommandsTest {
    @TempDir
    Path fixtures;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = VcrProxyCli.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @BeforeEach
    void aCassetteRecordedWithIgnoreJsonSeed() throws IOException {
        Files.write(fixtures.resolve("default.json"), CassetteCodec.write(new Cassette(CassetteName.of("default"),
                List.of(Fixtures.interaction("{\"prompt\": \"a\", \"seed\": 1}", "{\"n\": 1}")))));
        assertThat(run("cassettes", "lint", "--fixtures", fixtures.toString(), "--ignore-json", "/seed", "--fix").exit()).isZero();
    }

    @Test
    void lintStopsReportingKeyMismatchesWhenTheRuleIsInTheProjectFile() throws IOException {
        Run forgotTheFlag = run("cassettes", "lint", "--fixtures", fixtures.toString());
        assertThat(forgotTheFlag.exit()).isEqualTo(1);
        assertThat(forgotTheFlag.out()).contains("does not match its request under these matching options");

        Files.writeString(fixtures.resolve("vcr-proxy.json"), "{\"ignore_json\": [\"/seed\"]}\n");
        assertThat(run("cassettes", "lint", "--fixtures", fixtures.toString()))
                .isEqualTo(new Run(0, "1 cassette(s) checked, 0 problem(s)\n", ""));
        assertThat(run("cassettes", "list", "--fixtures", fixtures.toString()).out())
                .contains("default").doesNotContain("vcr-proxy");
    }

    @Test
    void anotherPathComesFromConfigOrVcrConfig() throws IOException {
        Path elsewhere = Files.writeString(fixtures.resolveSibling(fixtures.getFileName() + "-project.json"),
                "{\"ignore_json\": [\"/seed\"]}");
        assertThat(run("cassettes", "lint", "--fixtures", fixtures.toString(), "--config", elsewhere.toString()).exit()).isZero();
        Run missing = run("cassettes", "lint", "--fixtures", fixtures.toString(), "--config", elsewhere + ".gone");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("vcr-proxy cassettes lint: " + elsewhere + ".gone: no such project file (--config / VCR_CONFIG)\n");
    }

    @Test
    void aBrokenProjectFileIsExit2NamingTheFileAndTheKeyForEveryCommand() throws IOException {
        Path file = Files.writeString(fixtures.resolve("vcr-proxy.json"), "{\"ignore_json\": [\"seed\"]}");
        String problem = file + ": \"ignore_json\": JSON pointer 'seed' must be empty or start with '/'";
        for (List<String> command : List.of(List.of("cassettes", "lint"), List.of("cassettes", "list"), List.of("cassettes", "verify"),
                List.of("cassettes", "show", "default"), List.of("serve", "--port", "0"))) {
            Run run = run(Stream.concat(command.stream(), Stream.of("--fixtures", fixtures.toString())).toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", command)).isEqualTo("vcr-proxy " + String.join(" ", command.subList(0,
                    command.get(0).equals("serve") ? 1 : 2)) + ": " + problem + "\n");
        }
        Path report = Files.writeString(fixtures.resolveSibling(fixtures.getFileName() + "-report.json"), "{\"cassettes\": {}}");
        Run prune = run("cassettes", "prune", "--report", report.toString(), "--fixtures", fixtures.toString());
        assertThat(prune.exit()).isEqualTo(2);
        assertThat(prune.err()).contains(problem);
    }

    @Test
    void serveAddsFlagsToTheProjectFile() throws IOException {
        Files.writeString(fixtures.resolve("vcr-proxy.json"), "{\"routes\": {\"/generate\": \"https://org--generate.modal.run\","
                + " \"/health\": \"https://org--health.modal.run\"}, \"ignore_json\": [\"/seed\"]}");
        ServeCommand serve = ServeEnvironmentTest.parsed(Map.of(), "--fixtures", fixtures.toString(),
                "--route", "/health=http://127.0.0.1:9/health", "--ignore-json", "/id");
        var config = serve.config();
        assertThat(config.projectFile()).isEqualTo(fixtures.resolve("vcr-proxy.json"));
        assertThat(config.routes()).extracting(Object::toString)
                .containsExactly("/generate=https://org--generate.modal.run", "/health=http://127.0.0.1:9/health");
        assertThat(config.matchRules().ignoreJson()).extracting(JsonPointer::text).containsExactly("/seed", "/id");
    }
}
