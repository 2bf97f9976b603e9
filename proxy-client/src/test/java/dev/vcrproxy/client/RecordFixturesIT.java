package dev.vcrproxy.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code RECORD_FIXTURES=Yes mvn verify} against a proxy that runs in replay: the extension records
 * for the run. Failsafe runs this class alone, with that variable set (see the pom).
 */
@ExtendWith(RecordFixturesIT.ReplayingProxy.class)
@VcrCassette
class RecordFixturesIT {

    /** A replaying proxy and its upstream, started before the extension connects and stopped after it restored the mode. */
    static final class ReplayingProxy implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            assumeTrue(System.getProperty("vcr.test.jar") != null, "run by failsafe's record-fixtures execution, with RECORD_FIXTURES set");
            ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.create(ReplayingProxy.class));
            StandIn upstream = new StandIn();
            store.put(StandIn.class, upstream);
            Path fixtures = Files.createTempDirectory("vcr-record-fixtures-");
            ProxyLauncher proxy = ProxyLauncher.start(Path.of(System.getProperty("vcr.test.jar")), "replay", fixtures, upstream.url(),
                    VcrProxyClientIT.logFile());
            store.put(ProxyLauncher.class, proxy);
            store.put(Path.class, fixtures);
            System.setProperty("vcr.proxy.url", proxy.base().toString());
        }
    }

    @Test
    void recordsIntoTheTestsCassette(VcrTestProxy vcr) throws Exception {
        assertThat(System.getenv("RECORD_FIXTURES")).isEqualTo("Yes");
        assertThat(vcr.client().mode()).isEqualTo(VcrMode.RECORD_MISSING);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(vcr.uri("/generate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"r\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(vcr.client().stats().cassette("RecordFixturesIT/recordsIntoTheTestsCassette").recorded()).isEqualTo(1);
    }
}
