package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Fixtures;
import dev.vcrproxy.testing.ProxyProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline commands as users run them: the jar in its own process, output read from stdout. */
class CassetteCommandsProcessIT {
    @TempDir
    Path fixtures;

    @Test
    void showJsonPrintsTheFileExactly() throws Exception {
        Path file = fixtures.resolve("suite").resolve("parser.json");
        Files.createDirectories(file.getParent());
        Files.write(file, CassetteCodec.write(new Cassette(CassetteName.of("suite/parser"),
                List.of(Fixtures.interaction("{\"prompt\": \"Parse: cancel order 4411\"}", "{\"intent\": \"cancel\"}")))));

        assertThat(run("cassettes", "show", "suite/parser", "--json", "--fixtures", fixtures.toString()))
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(run("cassettes", "show", "suite/parser", "--fixtures", fixtures.toString()))
                .startsWith("suite/parser: 1 interaction(s)").contains("Parse: cancel order 4411");
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ProxyProcess.jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
