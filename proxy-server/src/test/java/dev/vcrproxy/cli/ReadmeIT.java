package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.server.VcrProxyServer;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README says what the proxy does in places a reader copies from; these checks keep it true. */
class ReadmeIT {
    private static final Path README = Path.of("..", "README.md");

    private static String block(String after, String fence) throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(fence, readme.indexOf(after)) + fence.length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theCommandLineBlockListsEveryServeOptionWithItsVariable() throws IOException {
        String block = block("## Command line", "```text\n");
        for (OptionSpec option : ServeCommand.commandLine(Map.of()).getCommandSpec().options()) {
            String variable = EnvDefaults.variable(option);
            if (variable != null) {
                assertThat(block).as("README's serve block lists " + option.longestName() + " with " + variable)
                        .containsPattern("(?m)^  " + Pattern.quote(option.longestName()) + " .*" + variable + "\\b");
            }
        }
    }

    @Test
    void theMissExampleIsWhatTheProxySendsForTheReadmesRequest() throws Exception {
        Matcher curl = Pattern.compile("-d '(\\{\"prompt\": \"Extract the shipment[^']*)'").matcher(Files.readString(README));
        assertThat(curl.find()).isTrue();
        String changed = curl.group(1).replace("\"temperature\": 0.0", "\"temperature\": 0.7");
        VcrProxyServer proxy = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(Path.of("..", "fixtures"))
                .mode(Mode.REPLAY).build());
        try {
            HttpResponse<String> miss = Http.post(proxy.baseUrl() + "/generate", changed);
            assertThat(miss.statusCode()).isEqualTo(404);
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(block("Change the temperature to 0.7", "```json\n"))).isEqualTo(json.readTree(miss.body()));
        } finally {
            proxy.close();
        }
    }
}
