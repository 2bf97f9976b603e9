package dev.vcrproxy.cassette;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small builders for interactions in unit tests. */
public final class Fixtures {
    private Fixtures() {
    }

    public static RecordedRequest request(String jsonBody) {
        IncomingRequest in = new IncomingRequest("POST", "/generate", "/", "", List.of(
                new AbstractMap.SimpleImmutableEntry<>("content-type", "application/json")),
                jsonBody.getBytes(StandardCharsets.UTF_8));
        return Redaction.record(in, MatchRules.DEFAULT);
    }

    public static Interaction interaction(String requestJson, String responseJson) {
        RecordedRequest request = request(requestJson);
        TreeMap<String, String> headers = new TreeMap<>(Map.of("content-type", "application/json"));
        RecordedResponse response = new RecordedResponse(200, headers,
                Body.of(responseJson.getBytes(StandardCharsets.UTF_8), "application/json"));
        return new Interaction(RequestKey.of(request, MatchRules.DEFAULT), 0,
                Instant.parse("2026-11-24T10:15:02Z"), 1234, request, response);
    }
}
