package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Preset;
import dev.vcrproxy.faults.FaultOptions;
import dev.vcrproxy.faults.FaultRule;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --fault RULE --fault-seed S}, and VCR_FAULT. */
class ServeFaultOptionsTest {
    static FaultOptions parse(Map<String, String> env, String... args) {
        CommandLine serve = ServeCommand.commandLine(env);
        serve.parseArgs(args);
        return ((ServeCommand) serve.getCommand()).faultOptions();
    }

    @Test
    void repeatableRulesSeedAndPresets() {
        FaultOptions options = parse(Map.of(), "--fault", "status:429@times=2", "--fault", "rechunk:7, drop-done",
                "--fault-seed", "7", "--preset", "openai");
        assertThat(options.rules()).extracting(FaultRule::text).containsExactly("status:429@times=2", "rechunk:7", "drop-done");
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.presets()).containsExactly(Preset.OPENAI);
    }

    @Test
    void vcrFaultIsACommaSeparatedListUsedWhenNoFlagIsGiven() {
        assertThat(parse(Map.of("VCR_FAULT", "status:503@rate=0.1, cut:3")).rules()).extracting(FaultRule::text)
                .containsExactly("status:503@rate=0.1", "cut:3");
        assertThat(parse(Map.of("VCR_FAULT", "cut:3"), "--fault", "rechunk:1").rules()).extracting(FaultRule::text)
                .containsExactly("rechunk:1");
        assertThat(parse(Map.of()).rules()).isEmpty();
    }

    @Test
    void theProjectFilesPresetsChooseTheErrorShapeToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path fixtures)
            throws java.io.IOException {
        java.nio.file.Files.writeString(fixtures.resolve("vcr-proxy.json"), "{\"presets\": [\"anthropic\"]}");
        CommandLine serve = ServeCommand.commandLine(Map.of());
        serve.parseArgs("--fixtures", fixtures.toString(), "--fault", "status:529");
        assertThat(((ServeCommand) serve.getCommand()).config().faults().presets()).containsExactly(Preset.ANTHROPIC);
    }

    @Test
    void aBadFaultIsAUsageErrorNamingTheRule() {
        VcrProxyCliTest.Run run = VcrProxyCliTest.run("serve", "--port", "0", "--fault", "status:2xx");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'status:2xx'").contains("KIND[:ARG][@WHEN]");
        assertThat(run.out()).doesNotContain("listening");
    }
}
