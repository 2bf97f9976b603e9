package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tokens a model call consumed, as its provider reported them: prompt side and generated side.
 * Stored in an interaction as {@code "usage": {"input_tokens": N, "output_tokens": M}}.
 */
public record TokenUsage(long inputTokens, long outputTokens) {
    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    public long total() {
        return inputTokens + outputTokens;
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("input_tokens", inputTokens);
        node.put("output_tokens", outputTokens);
        return node;
    }

    /** The optional {@code usage} field of an interaction: absent or null is none; a missing count is 0. */
    static TokenUsage fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'usage' must be an object {\"input_tokens\": N, \"output_tokens\": M}");
        }
        return new TokenUsage(tokens(node, "input_tokens"), tokens(node, "output_tokens"));
    }

    private static long tokens(JsonNode usage, String field) {
        JsonNode value = usage.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new IllegalArgumentException("'usage." + field + "' must be a whole number of tokens, not " + value);
        }
        return value.longValue();
    }
}
