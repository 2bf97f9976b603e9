package dev.vcrproxy.forward;

import dev.vcrproxy.testing.ProxyProcess;
import dev.vcrproxy.testing.TestCa;
import dev.vcrproxy.testing.TlsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's "Clients you cannot re-point" recipes, each run as written: the exports of
 * {@code vcr-proxy ca env}, then a client that posts to a hard-coded {@code https://} URL, with
 * the proxy URL's user name choosing the cassette. Clients not installed here are skipped.
 */
class ClientRecipesIT {
    static final String HOST = "api.openai.test";
    static final String URL = "https://" + HOST + "/v1/chat/completions";

    @TempDir
    static Path dir;
    static Path fixtures;
    static TlsStandIn upstream;
    static ProxyProcess proxy;
    static Map<String, String> exports;

    @BeforeAll
    static void start() throws Exception {
        TestCa upstreamCa = TestCa.create(Files.createDirectories(dir.resolve("upstream-ca")), HOST);
        upstream = new TlsStandIn(upstreamCa);
        fixtures = Files.createDirectories(dir.resolve("fixtures"));
        Path caDir = dir.resolve("ca");
        proxy = ProxyProcess.start(Map.of("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + upstreamCa.trustStore()
                        + " -Djavax.net.ssl.trustStorePassword=" + TestCa.PASSWORD),
                "serve", "--port", "0", "--mode", "record-missing", "--fixtures", fixtures.toString(), "--intercept", HOST,
                "--ca-dir", caDir.toString(), "--resolve", HOST + ":443=127.0.0.1:" + upstream.port());
        exports = caEnv(caDir, proxy.baseUrl());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        upstream.close();
    }

    /** Runs {@code vcr-proxy ca env} and reads its {@code export NAME='value'} lines. */
    static Map<String, String> caEnv(Path caDir, String proxyUrl) throws Exception {
        String out = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ProxyProcess.jar().toString(), "ca", "env", "--ca-dir", caDir.toString(), "--proxy", proxyUrl), Map.of(), dir);
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            assertThat(line).startsWith("export ");
            int eq = line.indexOf('=');
            values.put(line.substring(7, eq), line.substring(eq + 2, line.length() - 1).replace("'\\''", "'"));
        }
        assertThat(values).containsKeys("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "CURL_CA_BUNDLE",
                "HTTPS_PROXY", "HTTP_PROXY", "JAVA_TOOL_OPTIONS");
        return values;
    }

    /** The exports, with the proxy URL carrying a user name that names the cassette. */
    static Map<String, String> env(String cassette) {
        Map<String, String> env = new HashMap<>(exports);
        URI proxyUrl = URI.create(exports.get("HTTPS_PROXY"));
        String withUser = "http://" + cassette.replace("/", "%2F") + ":x@" + proxyUrl.getHost() + ":" + proxyUrl.getPort();
        env.put("HTTPS_PROXY", withUser);
        env.put("HTTP_PROXY", withUser);
        return env;
    }

    static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String run(List<String> command, Map<String, String> env, Path workDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.toUpperCase().endsWith("_PROXY") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " said:\n" + out).isZero();
        return out.trim();
    }

    void assertRecorded(String out, String cassette) {
        assertThat(out).contains("200 recorded").contains("answer to");
        assertThat(fixtures.resolve(cassette + ".json")).exists();
    }

    @Test
    void pythonUrllib() throws Exception {
        assumeTrue(available("python3", "--version"), "python3 is not installed");
        String script = String.join("\n",
                "import urllib.request",
                "request = urllib.request.Request('" + URL + "', data=b'{\"q\": \"urllib\"}',",
                "                                 headers={'Content-Type': 'application/json'})",
                "with urllib.request.urlopen(request, timeout=60) as response:",
                "    print(response.status, response.headers['X-Vcr-Result'], response.read().decode())");
        assertRecorded(run(List.of("python3", "-c", script), env("recipes/python_urllib"), dir), "recipes/python_urllib");
    }

    @Test
    void pythonHttpxProviderWithAHardCodedUrl() throws Exception {
        assumeTrue(available("python3", "-c", "import httpx"), "httpx is not installed for python3");
        String script = String.join("\n",
                "import httpx",
                "response = httpx.post('" + URL + "', json={'q': 'httpx'}, timeout=60)",
                "print(response.status_code, response.headers['x-vcr-result'], response.text)");
        assertRecorded(run(List.of("python3", "-c", script), env("recipes/python_httpx"), dir), "recipes/python_httpx");
    }

    @Test
    void curl() throws Exception {
        assumeTrue(available("curl", "--version"), "curl is not installed");
        String out = run(List.of("curl", "-sS", "--max-time", "60", "-H", "Content-Type: application/json", "-d", "{\"q\": \"curl\"}",
                "-w", "\\n%{http_code} %header{x-vcr-result}", URL), env("recipes/curl"), dir);
        assertThat(out).contains("answer to");
        assertThat(out.lines().reduce((a, b) -> b).orElse("")).isEqualTo("200 recorded");
        assertThat(fixtures.resolve("recipes/curl.json")).exists();
    }

    @Test
    void javaHttpClientThroughJavaToolOptions() throws Exception {
        Path source = dir.resolve("Provider.java");
        Files.writeString(source, String.join("\n",
                "import java.net.URI;",
                "import java.net.http.*;",
                "public class Provider {",
                "    public static void main(String[] args) throws Exception {",
                "        HttpClient client = HttpClient.newBuilder().proxy(java.net.ProxySelector.getDefault()).build();",
                "        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(\"" + URL + "\"))",
                "                .header(\"Content-Type\", \"application/json\").header(\"X-Vcr-Cassette\", \"recipes/java\")",
                "                .POST(HttpRequest.BodyPublishers.ofString(\"{\\\"q\\\": \\\"java\\\"}\")).build(),",
                "                HttpResponse.BodyHandlers.ofString());",
                "        System.out.println(response.statusCode() + \" \" + response.headers().firstValue(\"X-Vcr-Result\").orElse(\"\")",
                "                + \" \" + response.body());",
                "    }",
                "}"));
        Map<String, String> env = new HashMap<>(exports);
        String out = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), source.toString()), env, dir);
        assertRecorded(out, "recipes/java");
    }

    @Test
    void nodeWithUndicisProxyAgent() throws Exception {
        assumeTrue(available("node", "--version") && available("npm", "--version"), "node or npm is not installed");
        Path project = Files.createDirectories(dir.resolve("node"));
        assumeTrue(available("npm", "install", "--prefix", project.toString(), "--no-audit", "--no-fund", "--silent", "undici@7"),
                "undici could not be installed from the npm registry");
        Path script = project.resolve("provider.mjs");
        Files.writeString(script, String.join("\n",
                "import { fetch, EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';",
                "setGlobalDispatcher(new EnvHttpProxyAgent()); // HTTPS_PROXY, NO_PROXY",
                "const response = await fetch('" + URL + "', { method: 'POST',",
                "    headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'node' }) });",
                "console.log(response.status, response.headers.get('x-vcr-result'), await response.text());"));
        assertRecorded(run(List.of("node", script.toString()), env("recipes/node"), project), "recipes/node");
    }
}
