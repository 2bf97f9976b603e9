package dev.vcrproxy.client;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link VcrFault} on the proxy jar the run starts (record-missing): a retry test sees two 429s,
 * then the recording; the rules are gone after the test. Isolated: admin rules apply to every hit.
 */
@VcrCassette
@Isolated
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VcrFaultIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StandIn upstream;
    /** New each run: the fixtures folder may hold an earlier run's recordings. */
    private static final String PROMPT = "{\"prompt\": \"retry " + System.nanoTime() + "\"}";

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = StandIn.shared();
    }

    static HttpResponse<String> post(VcrTestProxy proxy, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(proxy.uri("/generate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    @VcrFault("status:429@times=2")
    void aRetryTestSeesTwo429sThenTheRecording(VcrTestProxy proxy) throws Exception {
        assertThat(proxy.client().faultRules()).containsExactly("status:429@times=2");
        int calls = upstream.calls.get();
        assertThat(post(proxy, PROMPT).headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = post(proxy, PROMPT);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.headers().firstValue("X-Vcr-Fault")).hasValue("status:429@times=2");
        }
        HttpResponse<String> hit = post(proxy, PROMPT);
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Vcr-Result")).hasValue("hit");
        assertThat(upstream.calls.get()).isEqualTo(calls + 1);
    }

    @Test
    @Order(2)
    void theRulesAreClearedAfterTheTest(VcrTestProxy proxy) {
        assertThat(proxy.client().faultRules()).isEmpty();
        assertThat(proxy.client().faults(7, "rechunk:3", "drop-done")).containsExactly("rechunk:3", "drop-done");
        proxy.client().clearFaults();
        assertThat(proxy.client().faultRules()).isEmpty();
        assertThatThrownBy(() -> proxy.client().faults("status:2xx"))
                .isInstanceOf(VcrProxyException.class).hasMessageContaining("'status:2xx'");
    }
}
