package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiIT extends ProxyTestSupport {

    @Test
    void healthModeAndCassetteRoundTrip() {
        VcrProxyServer proxy = proxy(Mode.REPLAY);
        JsonNode health = json(Http.get(proxy.baseUrl() + "/__vcr/health").body());
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("mode").asText()).isEqualTo("replay");
        assertThat(health.get("version").asText()).isNotBlank();

        assertThat(json(Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"record-missing\"}").body()).get("mode").asText())
                .isEqualTo("record-missing");
        assertThat(json(Http.get(proxy.baseUrl() + "/__vcr/mode").body()).get("mode").asText()).isEqualTo("record-missing");
        HttpResponse<String> bad = Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"sometimes\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown mode 'sometimes'");

        assertThat(json(Http.get(proxy.baseUrl() + "/__vcr/cassette").body()).get("name").asText()).isEqualTo("default");
        Http.put(proxy.baseUrl() + "/__vcr/cassette", "{\"name\": \"suite/active\"}");
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"to active\"}");
        assertThat(cassetteFile("suite/active").get("interactions")).hasSize(1);
        assertThat(Http.put(proxy.baseUrl() + "/__vcr/cassette", "{\"name\": \"../x\"}").body()).contains("vcr_invalid_cassette");
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/nope").statusCode()).isEqualTo(404);
        assertThat(Http.post(proxy.baseUrl() + "/__vcr/health", "{}").statusCode()).isEqualTo(405);
        assertThat(upstream.seen()).noneMatch(s -> s.uri().contains("__vcr"));
    }

    @Test
    void modeChangeTakesEffectForTheNextRequest() {
        VcrProxyServer proxy = proxy(Mode.REPLAY);
        assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"m\"}").statusCode()).isEqualTo(404);
        Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"record-missing\"}");
        assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"m\"}").headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"replay\"}");
        assertThat(Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"m\"}").headers().firstValue("X-Vcr-Result")).hasValue("hit");
    }

    @Test
    void putCassetteRestartsItsSequences() {
        VcrProxyServer recorder = proxy(Mode.RECORD);
        String first = Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"seq\"}").body();
        String second = Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"seq\"}").body();
        Http.put(recorder.baseUrl() + "/__vcr/mode", "{\"mode\": \"replay\"}");
        assertThat(json(Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"seq\"}").body())).isEqualTo(json(first));
        assertThat(json(Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"seq\"}").body())).isEqualTo(json(second));
        Http.put(recorder.baseUrl() + "/__vcr/cassette", "{\"name\": \"default\"}");
        assertThat(json(Http.post(recorder.baseUrl() + "/generate", "{\"prompt\": \"seq\"}").body())).isEqualTo(json(first));
    }

    @Test
    void adminWritesNeedTheTokenReadsDoNot() {
        VcrProxyServer proxy = proxy(Mode.REPLAY, b -> b.adminToken("s3cret"));
        HttpResponse<String> denied = Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"record\"}");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(json(denied.body()).at("/error/type").asText()).isEqualTo("vcr_unauthorized");
        assertThat(Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"record\"}", "Authorization", "Bearer wrong").statusCode())
                .isEqualTo(401);
        assertThat(Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"record\"}", "Authorization", "Bearer s3cret").statusCode())
                .isEqualTo(200);
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/mode").body()).contains("record");
        assertThat(Http.get(proxy.baseUrl() + "/__vcr/stats").statusCode()).isEqualTo(200);
    }

    @Test
    void statsReportAndMetricsCountAKnownMix() {
        VcrProxyServer proxy = proxy(Mode.RECORD_MISSING);
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"a\"}", "X-Vcr-Cassette", "one");   // recorded
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"b\"}", "X-Vcr-Cassette", "one");   // recorded
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"a\"}", "X-Vcr-Cassette", "one");   // hit
        Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"replay\"}");
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"a\"}", "X-Vcr-Cassette", "one");   // hit
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"c\"}", "X-Vcr-Cassette", "one");   // miss
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"z\"}", "X-Vcr-Cassette", "two");   // miss
        Http.put(proxy.baseUrl() + "/__vcr/mode", "{\"mode\": \"passthrough\"}");
        Http.post(proxy.baseUrl() + "/generate", "{\"prompt\": \"p\"}", "X-Vcr-Cassette", "two");   // passthrough

        JsonNode stats = json(Http.get(proxy.baseUrl() + "/__vcr/stats").body());
        assertThat(stats.get("hits").asLong()).isEqualTo(2);
        assertThat(stats.get("misses").asLong()).isEqualTo(2);
        assertThat(stats.get("recorded").asLong()).isEqualTo(2);
        assertThat(stats.get("passthrough").asLong()).isEqualTo(1);
        assertThat(stats.get("upstream_errors").asLong()).isZero();
        assertThat(stats.get("secrets_blocked").asLong()).isZero();
        assertThat(stats.at("/cassettes/one/hits").asLong()).isEqualTo(2);
        assertThat(stats.at("/cassettes/two/misses").asLong()).isEqualTo(1);

        JsonNode report = json(Http.get(proxy.baseUrl() + "/__vcr/report").body());
        JsonNode one = report.at("/cassettes/one");
        assertThat(one.get("used_keys")).hasSize(2);
        assertThat(one.get("unused_keys")).isEmpty();
        assertThat(one.get("misses")).hasSize(1);
        assertThat(one.at("/misses/0/differences/0/pointer").asText()).isEqualTo("/prompt");
        assertThat(report.at("/cassettes/two/misses/0/closest_key").isNull()).isTrue();

        Map<String, Double> metrics = prometheus(Http.get(proxy.baseUrl() + "/__vcr/metrics"));
        assertThat(metrics).containsEntry("vcr_requests_total{outcome=\"hits\"}", 2.0)
                .containsEntry("vcr_requests_total{outcome=\"misses\"}", 2.0)
                .containsEntry("vcr_cassette_requests_total{cassette=\"one\",outcome=\"recorded\"}", 2.0)
                .containsEntry("vcr_mode{mode=\"passthrough\"}", 1.0)
                .containsEntry("vcr_mode{mode=\"replay\"}", 0.0);
    }

    /** Parses the Prometheus text format strictly enough to catch malformed lines. */
    private static Map<String, Double> prometheus(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        Pattern sample = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})?) (\\S+)");
        Map<String, Double> out = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = sample.matcher(line);
            assertThat(m.matches()).as("metric line '%s'", line).isTrue();
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
