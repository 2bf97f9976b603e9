package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Fixtures;
import dev.vcrproxy.cassette.Interaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline cassette commands, in-process on a temp fixtures folder. */
class CassetteCommandsTest {
    @TempDir
    Path fixtures;
    @TempDir
    Path outside;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--fixtures";
        all[args.length + 1] = fixtures.toString();
        var cli = VcrProxyCli.commandLine(all);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    void write(String name, Interaction... interactions) throws IOException {
        Path file = CassetteName.of(name).fileIn(fixtures);
        Files.createDirectories(file.getParent());
        Files.write(file, CassetteCodec.write(new Cassette(CassetteName.of(name), List.of(interactions))));
    }

    @BeforeEach
    void cassettes() throws IOException {
        write("suite/parser", Fixtures.interaction("{\"prompt\": \"a\", \"seed\": 1}", "{\"n\": 1}"),
                Fixtures.interaction("{\"prompt\": \"b\"}", "{\"n\": 2}"));
    }

    @Test
    void listShowsEachCassette() {
        Run list = run("cassettes", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("suite/parser").contains("/generate").contains("2026-11-24T10:15:02Z");
        assertThat(list.out().lines().filter(l -> l.startsWith("suite/parser")).findFirst().orElseThrow()).matches("suite/parser\\s+2\\s+.*");
    }

    @Test
    void showSummarizesOrPrintsRawJson() throws IOException {
        Run show = run("cassettes", "show", "suite/parser");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("suite/parser: 2 interaction(s)").contains("POST /generate").contains("{\"prompt\":\"a\",\"seed\":1}");
        assertThat(run("cassettes", "show", "suite/parser", "--json").out()).isEqualTo(Files.readString(fixtures.resolve("suite/parser.json")));
        Run missing = run("cassettes", "show", "nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no cassette 'nope'");
        assertThat(run("cassettes", "show", "../x").exit()).isEqualTo(2);
    }

    @Test
    void lintPassesCleanCassettesAndNamesEveryKindOfProblem() throws IOException {
        assertThat(run("cassettes", "lint")).isEqualTo(new Run(0, "1 cassette(s) checked, 0 problem(s)\n", ""));

        Files.writeString(fixtures.resolve("truncated.json"), "{\n  \"format\": 1,\n  \"name\": \"truncated\",\n  \"interactions\": [\n");
        Files.writeString(fixtures.resolve("future.json"), "{\"format\": 2, \"name\": \"future\", \"interactions\": []}\n");
        Interaction leaky = Fixtures.interaction("{\"prompt\": \"c\"}", "{\"token\": \"ghp_0123456789abcdefABCDEF0123456789abcd\"}");
        write("leaky", leaky);
        Interaction a = Fixtures.interaction("{\"prompt\": \"d\"}", "{}");
        write("dupes", a, a);
        Files.writeString(fixtures.resolve("loose.json"), Files.readString(fixtures.resolve("suite/parser.json")).replace("  ", "    ")
                .replace("\"suite/parser\"", "\"loose\""));

        Run lint = run("cassettes", "lint");
        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out())
                .contains("truncated.json: line 5: not valid JSON")
                .contains("future.json: line 1: unsupported cassette format 2")
                .contains("leaky.json: interaction key").contains("GitHub token at /response/body/token")
                .contains("dupes.json: key " + a.key().substring(0, 12) + "… seq 0 appears more than once")
                .contains("loose.json: not in the canonical layout")
                .contains("6 cassette(s) checked, 5 problem(s)");
        assertThat(lint.out()).doesNotContain("ghp_0123");
    }

    @Test
    void lintChecksKeysUnderTheMatchingOptionsAndFixRecomputesThem() throws IOException {
        Run strict = run("cassettes", "lint", "--ignore-json", "/seed");
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("does not match its request under these matching options");
        Run fixed = run("cassettes", "lint", "--ignore-json", "/seed", "--fix");
        assertThat(fixed.exit()).isZero();
        assertThat(run("cassettes", "lint", "--ignore-json", "/seed").exit()).isZero();
        assertThat(run("cassettes", "lint").exit()).isEqualTo(1);
    }

    @Test
    void lintFixRenumbersDuplicatesAndRestoresTheLayout() throws IOException {
        Interaction a = Fixtures.interaction("{\"prompt\": \"d\"}", "{}");
        write("dupes", a, a);
        Files.writeString(fixtures.resolve("suite/parser.json"), Files.readString(fixtures.resolve("suite/parser.json")).replace("\n", "\r\n"));
        assertThat(run("cassettes", "lint", "--fix").exit()).isZero();
        assertThat(run("cassettes", "lint").exit()).isZero();
        assertThat(Files.readString(fixtures.resolve("dupes.json"))).contains("\"seq\": 1");
    }

    /** A cassette may be named like a temp file of earlier versions; only the temp form (with '~') is cleaned up. */
    @Test
    void lintFixDeletesLeftoverTempFilesButNeverACassetteNamedLikeOne() throws IOException {
        Interaction a = Fixtures.interaction("{\"prompt\": \"kept\"}", "{}");
        write(".vcr-tmp-x", a);
        write("suite/.vcr-tmp-y.json-abc", a);
        Path leftover = fixtures.resolve("suite/.vcr~parser.json~k3j2h1.tmp");
        Files.writeString(leftover, "{\"half");

        Run lint = run("cassettes", "lint", "--fix");

        assertThat(lint.out()).contains("suite/.vcr~parser.json~k3j2h1.tmp: leftover temp file").contains("3 cassette(s) checked");
        assertThat(leftover).doesNotExist();
        assertThat(fixtures.resolve(".vcr-tmp-x.json")).exists();
        assertThat(fixtures.resolve("suite/.vcr-tmp-y.json-abc.json")).exists();
        assertThat(run("cassettes", "list").out()).contains(".vcr-tmp-x ").contains("suite/.vcr-tmp-y.json-abc ");
    }

    @Test
    void linksOutOfTheFixturesAreRefusedAndNeverReadOrWritten() throws IOException {
        Interaction a = Fixtures.interaction("{\"prompt\": \"outside\"}", "{}");
        Path secret = outside.resolve("leak.json");
        Files.write(secret, CassetteCodec.write(new Cassette(CassetteName.of("leak"), List.of(a))));
        Files.writeString(secret, Files.readString(secret).replace("  ", "    ")); // lint --fix would rewrite it
        String before = Files.readString(secret);
        Files.createSymbolicLink(fixtures.resolve("leak.json"), secret);
        Files.createSymbolicLink(fixtures.resolve("linkdir"), outside);
        Path report = fixtures.resolve("report.txt");
        Files.writeString(report, "{\"cassettes\": {\"leak\": {\"unused_keys\": [\"" + a.key() + "\"]}},"
                + " \"unused_cassettes\": [\"linkdir/leak\"]}");

        Run lint = run("cassettes", "lint", "--fix");
        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).contains("leak.json: a symbolic link to " + secret.toRealPath() + ", outside the fixtures folder")
                .contains("2 cassette(s) checked, 1 problem(s)");
        assertThat(run("cassettes", "list").out()).contains("leak.json (a symbolic link").contains("refused");
        assertThat(run("cassettes", "verify").exit()).isEqualTo(1);
        Run show = run("cassettes", "show", "linkdir/leak");
        assertThat(show.exit()).isEqualTo(2);
        assertThat(show.err()).contains("symbolic link 'linkdir'").contains("outside the fixtures folder");
        assertThat(run("cassettes", "show", "leak").err()).contains("symbolic link 'leak.json'");
        Run prune = run("cassettes", "prune", "--report", report.toString(), "--orphans");
        assertThat(prune.exit()).isEqualTo(1);
        assertThat(prune.err()).contains("outside the fixtures folder");
        assertThat(Files.readString(secret)).isEqualTo(before);
    }

    @Test
    void lintNamesCaseTwinsAndWindowsDeviceNames() throws IOException {
        write("suite/Parser", Fixtures.interaction("{\"prompt\": \"twin\"}", "{}"));
        Files.writeString(fixtures.resolve("aux.json"), "{\"format\": 1, \"name\": \"aux\", \"interactions\": []}\n");

        Run lint = run("cassettes", "lint");

        assertThat(lint.exit()).isEqualTo(1);
        assertThat(lint.out()).contains("suite/Parser.json: 'suite/Parser.json' and 'suite/parser.json' differ only in case")
                .contains("suite/parser.json: 'suite/Parser.json' and 'suite/parser.json' differ only in case")
                .contains("aux.json: the path is not a valid cassette name (segment 'aux' is a reserved device name on Windows");
    }

    @Test
    void verifyFailsOnStaleRecordings() throws IOException {
        Interaction fresh = Fixtures.interaction("{\"prompt\": \"new\"}", "{}");
        Interaction old = new Interaction(fresh.key(), 0, Instant.parse("2020-01-01T00:00:00Z"), 5, fresh.request(), fresh.response());
        write("aged", old);
        Run stale = run("cassettes", "verify", "--max-age", "30d");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.out()).contains("aged.json: POST /generate recorded 2020-01-01T00:00:00Z is older than 30d")
                .contains("3 recording(s) checked, 1 stale");
        assertThat(run("cassettes", "verify", "--max-age", "36500d")).isEqualTo(new Run(0, "3 recording(s) checked, 0 stale\n", ""));
        assertThat(run("cassettes", "verify", "--max-age", "soon").exit()).isEqualTo(2);
    }

    @Test
    void aMissingFixturesFolderIsOneLine() {
        fixtures = fixtures.resolve("absent");
        for (String command : new String[] {"lint", "list", "verify"}) {
            Run run = run("cassettes", command);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err().trim()).endsWith("fixtures folder does not exist").doesNotContain("\n");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void lintAcceptsCassettesWithoutUsageAndFixFillsItIn() throws IOException {
        write("old", Fixtures.interaction("{\"prompt\": \"u\"}", "{\"ir_json\": {}, \"tokens_used\": 812}"),
                Fixtures.interaction("{\"prompt\": \"v\"}", "{\"status\": \"ok\"}"));
        Path file = fixtures.resolve("old.json");
        byte[] before = Files.readAllBytes(file);
        assertThat(run("cassettes", "lint").exit()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        assertThat(run("cassettes", "lint", "--fix").exit()).isZero();
        assertThat(run("cassettes", "show", "old").out()).contains(" ms, 0 in + 812 out tokens)");
        Cassette fixed = CassetteCodec.read(Files.readAllBytes(file), "old.json");
        assertThat(fixed.interactions()).extracting(Interaction::usage)
                .containsExactlyInAnyOrder(new dev.vcrproxy.cassette.TokenUsage(0, 812), null);
        byte[] after = Files.readAllBytes(file);
        assertThat(run("cassettes", "lint", "--fix").exit()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(after);
    }
}
