package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestKeyTest {

    private static String key(String body) {
        return key("application/json", body, "", MatchRules.DEFAULT);
    }

    private static String key(String contentType, String body, String query, MatchRules rules, String... headers) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        if (contentType != null) {
            list.add(new AbstractMap.SimpleImmutableEntry<>("content-type", contentType));
        }
        for (int i = 0; i < headers.length; i += 2) {
            list.add(new AbstractMap.SimpleImmutableEntry<>(headers[i], headers[i + 1]));
        }
        IncomingRequest in = new IncomingRequest("POST", "/generate", "/", query, list,
                body.getBytes(StandardCharsets.UTF_8));
        return RequestKey.of(Redaction.record(in, rules), rules);
    }

    @Test
    void isLowerCaseHexSha256() {
        assertThat(key("{\"prompt\": \"hi\"}")).matches("[0-9a-f]{64}");
    }

    @Test
    void equalUnderKeyOrderWhitespaceAndNumberSpelling() {
        String a = key("{\"prompt\": \"hi\", \"temperature\": 0.3, \"max_tokens\": 10}");
        assertThat(key("{\"max_tokens\":1e1,\"temperature\":3e-1,\"prompt\":\"hi\"}")).isEqualTo(a);
        assertThat(key("{\n  \"temperature\" : 0.30,\n  \"prompt\" : \"hi\",\n  \"max_tokens\" : 10.0\n}")).isEqualTo(a);
    }

    @Test
    void differsOnArrayOrderValuesAndExtraFields() {
        String a = key("{\"messages\": [\"a\", \"b\"]}");
        assertThat(key("{\"messages\": [\"b\", \"a\"]}")).isNotEqualTo(a);
        assertThat(key("{\"messages\": [\"a\", \"b\"], \"seed\": 1}")).isNotEqualTo(a);
        assertThat(key("{\"messages\": [\"a\", \"c\"]}")).isNotEqualTo(a);
    }

    @Test
    void ignoredPointersLeaveTheKey() {
        MatchRules rules = MatchRules.of(List.of("/seed", "/meta/request_id", "/messages/1"), List.of(), List.of());
        String a = key("application/json", "{\"prompt\": \"x\", \"seed\": 1, \"meta\": {\"request_id\": \"a\"}, \"messages\": [0, 1]}", "", rules);
        String b = key("application/json", "{\"prompt\": \"x\", \"seed\": 2, \"meta\": {\"request_id\": \"b\"}, \"messages\": [0, 9]}", "", rules);
        assertThat(a).isEqualTo(b);
        assertThat(key("application/json", "{\"prompt\": \"y\", \"seed\": 1, \"meta\": {}, \"messages\": [0, 1]}", "", rules))
                .isNotEqualTo(a);
    }

    @Test
    void queryIsSortedAndIgnoredNamesAndSecretValuesLeaveIt() {
        MatchRules rules = MatchRules.of(List.of(), List.of(), List.of("cache_bust"));
        String a = key(null, "", "b=2&a=1", rules);
        assertThat(key(null, "", "a=1&b=2&cache_bust=77", rules)).isEqualTo(a);
        assertThat(key(null, "", "a=1&b=3", rules)).isNotEqualTo(a);
        assertThat(key(null, "", "a=1&b=2&key=secret-one", rules)).isEqualTo(key(null, "", "b=2&a=1&key=other", rules));
    }

    @Test
    void formBodiesAreKeyedWithSortedParameters() {
        String form = "application/x-www-form-urlencoded";
        assertThat(key(form, "b=2&a=hello+world", "", MatchRules.DEFAULT))
                .isEqualTo(key(form, "a=hello%20world&b=2", "", MatchRules.DEFAULT));
    }

    @Test
    void matchedHeadersTakePartOthersDoNot() {
        MatchRules rules = MatchRules.of(List.of(), List.of("X-Model"), List.of());
        String a = key("application/json", "{}", "", rules, "x-model", "small", "user-agent", "one");
        assertThat(key("application/json", "{}", "", rules, "x-model", "small", "user-agent", "two")).isEqualTo(a);
        assertThat(key("application/json", "{}", "", rules, "x-model", "large")).isNotEqualTo(a);
        assertThat(key("application/json", "{}", "", rules)).isNotEqualTo(a);
    }

    @Test
    void malformedJsonIsKeyedAsItsRawText() {
        String broken = "{\"prompt\": \"hi\"";
        assertThat(key(broken)).isEqualTo(key(broken)).isNotEqualTo(key("{\"prompt\": \"hi\"}"));
        IncomingRequest in = new IncomingRequest("POST", "/", "/", "", List.of(
                new AbstractMap.SimpleImmutableEntry<>("content-type", "application/json")),
                broken.getBytes(StandardCharsets.UTF_8));
        assertThat(Redaction.record(in, MatchRules.DEFAULT).body()).isEqualTo(new Body.TextBody(broken));
    }

    @Test
    void recomputingFromTheStoredRequestGivesTheSameKey() {
        String body = "{\"prompt\": \"hi\", \"temperature\": 0.70}";
        IncomingRequest in = new IncomingRequest("POST", "/generate", "/", "", List.of(
                new AbstractMap.SimpleImmutableEntry<>("content-type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
        RecordedRequest recorded = Redaction.record(in, MatchRules.DEFAULT);
        Interaction interaction = new Interaction(RequestKey.of(recorded, MatchRules.DEFAULT), 0,
                java.time.Instant.parse("2026-01-01T00:00:00Z"), 5, recorded,
                new RecordedResponse(200, new java.util.TreeMap<>(), Body.EMPTY));
        Cassette cassette = new Cassette(CassetteName.of("x"), List.of(interaction));
        Cassette reread = CassetteCodec.read(CassetteCodec.write(cassette), "x.json");
        RecordedRequest stored = reread.interactions().get(0).request();
        assertThat(RequestKey.of(stored, MatchRules.DEFAULT)).isEqualTo(interaction.key());
    }
}
