package dev.vcrproxy.client;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VcrProxyExtensionTest {

    @Test
    void theWaitForAStartingProxyIsWholeSecondsDefaulting30() {
        assertThat(VcrProxyExtension.waitLimit(Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(VcrProxyExtension.waitLimit(Optional.of(" 5 "))).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> VcrProxyExtension.waitLimit(Optional.of("30s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vcr.proxy.wait must be whole seconds, e.g. 30; got '30s'");
    }

    @Test
    void recordFixturesTrue1YesOnInAnyCaseMeanRecord() {
        for (String value : new String[] {"true", "TRUE", "1", "yes", "On", " on "}) {
            assertThat(RecordFixtures.requested(value)).as(value).isTrue();
        }
        for (String value : new String[] {null, "", "0", "false", "no", "off", "record"}) {
            assertThat(RecordFixtures.requested(value)).as(String.valueOf(value)).isFalse();
        }
    }

    @Test
    void aProxyStartedFromTheJarRecordsMissingWhenRecordFixturesIsSet() {
        assertThat(RecordFixtures.startMode("replay", "yes")).isEqualTo("record-missing");
        assertThat(RecordFixtures.startMode("replay", null)).isEqualTo("replay");
        assertThat(RecordFixtures.startMode("replay", "false")).isEqualTo("replay");
        assertThat(RecordFixtures.startMode("record", "1")).isEqualTo("record");
    }

    @Test
    void anUnreachableProxySaysHowToGetOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> VcrProxyExtension.awaitProxy(VcrProxyClient.connect(URI.create(url)), url, Optional.of("0")))
                .isInstanceOf(VcrProxyException.class)
                .hasMessageContaining("cannot reach vcr-proxy at " + url)
                .hasMessageContaining("Start one first (./vcr-proxy serve")
                .hasMessageContaining("or set vcr.proxy.jar");
    }
}
