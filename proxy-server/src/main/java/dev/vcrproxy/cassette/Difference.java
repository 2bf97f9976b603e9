package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One way a request differs from a recording: {@code field} is method, path, query,
 * header, body or multipart; {@code pointer} is a JSON pointer within it (for multipart, into the
 * stored parts: {@code /1/body_text}); values are absent (null) when the
 * field exists on one side only.
 */
public record Difference(String field, String pointer, JsonNode recorded, JsonNode actual) {
}
