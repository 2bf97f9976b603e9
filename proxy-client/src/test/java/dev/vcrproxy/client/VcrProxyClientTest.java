package dev.vcrproxy.client;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class VcrProxyClientTest {

    @Test
    void cassetteUrisEncodeTheNameAsOneSegment() {
        VcrProxyClient client = VcrProxyClient.connect(URI.create("http://127.0.0.1:8080/"));
        assertThat(client.cassetteUri("test_parser", "/generate"))
                .hasToString("http://127.0.0.1:8080/__cassette/test_parser/generate");
        assertThat(client.cassetteUri("suite/t1", "v1/chat/completions"))
                .hasToString("http://127.0.0.1:8080/__cassette/suite%2Ft1/v1/chat/completions");
        assertThat(client.cassetteUri("x", "")).hasToString("http://127.0.0.1:8080/__cassette/x");
    }

    @Test
    void modesUseTheirWireNames() {
        assertThat(VcrMode.fromWireName("record-missing")).isEqualTo(VcrMode.RECORD_MISSING);
        assertThat(VcrMode.PASSTHROUGH.wireName()).isEqualTo("passthrough");
    }
}
