package dev.vcrproxy.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forward-proxy mode from a JUnit test: the proxy the extension started intercepts
 * {@code api.vcr-forward.test} (failsafe passes {@code --intercept} through vcr.proxy.args), and
 * a client with a hard-coded https:// URL reaches it through {@link VcrTestProxy#forwardHttpClient()},
 * in the test's own cassette. That host's upstream is a closed port, so the answer is the proxy's 502.
 */
@VcrCassette
@Isolated // it switches the active cassette
@Execution(ExecutionMode.SAME_THREAD)
class VcrForwardProxyIT {
    @Test
    void aHardCodedHttpsUrlGoesThroughTheProxyIntoThisTestsCassette(VcrTestProxy proxy) throws Exception {
        HttpClient client = proxy.forwardHttpClient().build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://api.vcr-forward.test/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"q\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.sslSession()).as("TLS with the proxy's certificate for the host").isPresent();
        assertThat(response.sslSession().orElseThrow().getPeerPrincipal().getName()).contains("api.vcr-forward.test");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.body()).contains("vcr_upstream_error");
        assertThat(response.headers().firstValue("X-Vcr-Cassette")).hasValue(proxy.cassette());
        assertThat(proxy.client().cassette()).isEqualTo("VcrForwardProxyIT/aHardCodedHttpsUrlGoesThroughTheProxyIntoThisTestsCassette");
    }
}
