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
        assertThat(VcrMode.fromWireName("verify")).isEqualTo(VcrMode.VERIFY);
    }

    @Test
    void statsReadTheLedgerAndOldProxiesReadAsZeros() throws Exception {
        VcrStats stats = VcrStats.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"hits\": 2, \"misses\": 0,"
                + " \"upstream_calls\": 1, \"tokens_spent\": 30, \"calls_saved\": 2, \"tokens_saved\": 60,"
                + " \"time_saved_ms\": 2500, \"budget_refusals\": 4, \"cassettes\": {\"a\": {\"hits\": 2, \"calls_saved\": 2}}}"));
        assertThat(stats.total()).isEqualTo(new VcrStats.Counts(2, 0, 0, 0, 0, 0, 4, 1, 30, 2, 60, 2500));
        assertThat(stats.total().timeSaved()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(stats.cassette("a").callsSaved()).isEqualTo(2);
        assertThat(stats.cassette("none")).isEqualTo(new VcrStats.Counts(0, 0, 0, 0, 0, 0));
    }

    @Test
    void statsReadRecordErrorsFaultsAndVerifyCounts() throws Exception {
        VcrStats stats = VcrStats.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"hits\": 5,"
                + " \"record_errors\": 1, \"faults\": 2, \"verified\": 3, \"drifted\": 1,"
                + " \"cassettes\": {\"a\": {\"hits\": 5, \"faults\": 2, \"drifted\": 1}}}"));
        assertThat(stats.total().recordErrors()).isEqualTo(1);
        assertThat(stats.total().faults()).isEqualTo(2);
        assertThat(stats.total().verified()).isEqualTo(3);
        assertThat(stats.total().drifted()).isEqualTo(1);
        assertThat(stats.cassette("a").faults()).isEqualTo(2);
        assertThat(stats.cassette("a").drifted()).isEqualTo(1);
    }
}
