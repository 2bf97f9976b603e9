package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.Json;

/** Reads one string field from an admin request's JSON body, with an error that says what to send. */
final class JsonInput {
    private JsonInput() {
    }

    static String requiredString(AdminRequest request, String field, String example) {
        JsonNode body = Json.parse(request.body())
                .orElseThrow(() -> new IllegalArgumentException("expected a JSON body like " + example));
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("expected a JSON body like " + example);
        }
        return value.textValue();
    }
}
