package dev.vcrproxy.cli;

import dev.vcrproxy.server.ProxyConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's forward-proxy options from flags and VCR_* variables, and the ca command's checks. */
class ForwardOptionsTest {
    @TempDir
    Path dir;

    static ProxyConfig config(Map<String, String> env, String... args) {
        CommandLine serve = ServeCommand.commandLine(env);
        serve.parseArgs(args);
        return ((ServeCommand) serve.getCommand()).config();
    }

    @Test
    void interceptResolveAndCaDirReadTheirVariables() {
        ProxyConfig config = config(Map.of("VCR_INTERCEPT", "api.openai.com,*.modal.run",
                "VCR_RESOLVE", "api.openai.com:443=127.0.0.1:8443", "VCR_CA_DIR", dir.resolve("ca").toString()),
                "--fixtures", dir.resolve("fixtures").toString());
        assertThat(config.intercept().patterns()).containsExactly("api.openai.com", "*.modal.run");
        assertThat(config.resolve().addressOf("api.openai.com", 443)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 8443));
        assertThat(config.caDirectory().dir()).isEqualTo(dir.resolve("ca"));
    }

    @Test
    void flagsWinOverVariables() {
        ProxyConfig config = config(Map.of("VCR_INTERCEPT", "api.openai.com"), "--intercept", "api.anthropic.com",
                "--intercept", "*.modal.run", "--ca-dir", dir.resolve("mine").toString(), "--fixtures", dir.resolve("f").toString());
        assertThat(config.intercept().patterns()).containsExactly("api.anthropic.com", "*.modal.run");
        assertThat(config.caDirectory().dir()).isEqualTo(dir.resolve("mine"));
    }

    @Test
    void aCaFolderInsideTheFixturesIsAUsageErrorForServeAndCa() {
        StringWriter err = new StringWriter();
        CommandLine serve = new CommandLine(new ServeCommand(Map.of())).setErr(new PrintWriter(err, true));
        int exit = serve.execute("--port", "0", "--intercept", "api.openai.com", "--fixtures", dir.toString(),
                "--ca-dir", dir.resolve("ca").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("inside the fixtures folder");

        VcrProxyCliTest.Run init = VcrProxyCliTest.run("ca", "init", "--fixtures", dir.toString(), "--ca-dir", dir.resolve("x/ca").toString());
        assertThat(init.exit()).isEqualTo(2);
        assertThat(init.err()).contains("inside the fixtures folder");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a proxy that did start would serve until stopped
    void aProxyWhoseEgressProxyIsItselfRefusesToStart() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        StringWriter err = new StringWriter();
        // as in a shell where eval "$(vcr-proxy ca env)" ran before the proxy was started
        CommandLine serve = new CommandLine(new ServeCommand(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + port)))
                .setErr(new PrintWriter(err, true));
        int exit = serve.execute("--port", Integer.toString(port), "--intercept", "api.openai.com", "--fixtures",
                dir.resolve("fixtures").toString(), "--ca-dir", dir.resolve("ca").toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("is this proxy itself").contains("HTTPS_PROXY");
    }

    @Test
    void caEnvPrintsExportsForEveryClientAndCreatesTheCa() {
        VcrProxyCliTest.Run env = VcrProxyCliTest.run("ca", "env", "--ca-dir", dir.resolve("ca").toString(),
                "--proxy", "http://127.0.0.1:9999", "--fixtures", dir.resolve("fixtures").toString());
        assertThat(env.exit()).as(env.err()).isZero();
        String bundle = dir.resolve("ca").resolve("bundle.pem").toString();
        assertThat(env.out()).contains("export SSL_CERT_FILE='" + bundle + "'", "export REQUESTS_CA_BUNDLE='" + bundle + "'",
                "export CURL_CA_BUNDLE='" + bundle + "'", "export HTTPS_PROXY='http://127.0.0.1:9999'",
                "export NODE_EXTRA_CA_CERTS='" + dir.resolve("ca").resolve("vcr-proxy-ca.pem") + "'",
                "-Djavax.net.ssl.trustStore=" + dir.resolve("ca").resolve("truststore.p12"), "-Dhttps.proxyPort=9999");
        assertThat(dir.resolve("ca").resolve("vcr-proxy-ca-key.pem")).exists();
        assertThat(VcrProxyCliTest.run("ca", "path", "--ca-dir", dir.resolve("ca").toString()).out().trim())
                .isEqualTo(dir.resolve("ca").resolve("vcr-proxy-ca.pem").toString());
    }
}
