package dev.vcrproxy.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --upstream-proxy} and the {@code *_PROXY} variables reach the proxy's configuration. */
class ServeEgressOptionTest {
    private static final URI OPENAI = URI.create("https://api.openai.com/v1");

    private static ServeCommand parse(Map<String, String> env, String... args) {
        ServeCommand serve = new ServeCommand(env);
        new CommandLine(serve).parseArgs(args);
        return serve;
    }

    @Test
    void theFlagIsUsedForEveryUpstream() {
        ServeCommand serve = parse(Map.of("HTTPS_PROXY", "http://env:3128"), "--upstream-proxy", "http://flag:8080");

        assertThat(serve.config().egress().explain(OPENAI)).isEqualTo("through egress proxy http://flag:8080 (from --upstream-proxy)");
    }

    @Test
    void withoutTheFlagTheVariablesAreRead() {
        ServeCommand serve = parse(Map.of("https_proxy", "http://u:pw@env:3128", "NO_PROXY", "internal.corp"));

        assertThat(serve.config().egress().explain(OPENAI)).isEqualTo("through egress proxy http://u:***@env:3128 (from https_proxy)");
        assertThat(serve.config().egress().forUpstream(URI.create("https://llm.internal.corp"))).isEmpty();
    }

    @Test
    void aBadProxyUrlIsAUsageErrorThatHidesThePassword() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ServeCommand(Map.of()));
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        int exit = cli.execute("--port", "0", "--upstream-proxy", "ftp://bob:hunter2@proxy:21");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("upstream proxy 'ftp://bob:***@proxy:21' must be an http:// URL")
                .doesNotContain("hunter2");
    }
}
