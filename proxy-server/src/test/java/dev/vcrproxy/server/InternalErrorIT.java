package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.store.CassetteStore;
import dev.vcrproxy.store.RecordOutcome;
import dev.vcrproxy.store.RecordPolicy;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** An unexpected exception in a continuation (after a store read or write) answers 500 once; nothing hangs. */
class InternalErrorIT extends ProxyTestSupport {

    /** A real file store whose futures complete with what the proxy never expects: no cassette, no outcome. */
    private static CassetteStore broken(CassetteStore real) {
        return new CassetteStore() {
            @Override
            public CompletableFuture<Cassette> load(CassetteName name) {
                return name.value().equals("broken-load") ? CompletableFuture.completedFuture(null) : real.load(name);
            }

            @Override
            public Cassette loaded(CassetteName name) {
                return name.value().equals("broken-load") ? null : real.loaded(name);
            }

            @Override
            public CompletableFuture<RecordOutcome> record(CassetteName name, Interaction draft, RecordPolicy policy) {
                return name.value().equals("broken-record") ? CompletableFuture.completedFuture(null) : real.record(name, draft, policy);
            }

            @Override
            public void forget(CassetteName name) {
                real.forget(name);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Test
    void aFailureAfterTheStoreAnswersIs500AndTheProxyGoesOn() throws Exception {
        VcrProxyServer proxy = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.RECORD_MISSING)
                .upstream(upstream.uri().toString()).build(), InternalErrorIT::broken);
        try {
            HttpResponse<String> afterLoad = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"x\"}", "X-Vcr-Cassette", "broken-load");
            assertThat(afterLoad.statusCode()).isEqualTo(500);
            assertThat(json(afterLoad.body()).at("/error/type").asText()).isEqualTo("vcr_internal_error");

            HttpResponse<String> afterRecord = Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"y\"}", "X-Vcr-Cassette", "broken-record");
            assertThat(afterRecord.statusCode()).isEqualTo(500);
            assertThat(json(afterRecord.body()).at("/error/type").asText()).isEqualTo("vcr_internal_error");

            assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"z\"}").statusCode()).isEqualTo(200);
        } finally {
            long start = System.nanoTime();
            proxy.close();
            assertThat((System.nanoTime() - start) / 1_000_000_000).as("no request left in flight to wait for").isLessThan(20);
        }
    }
}
