package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Reads the token usage a provider reported in a response, streamed or not:
 * <ul>
 *   <li>OpenAI: {@code usage.prompt_tokens}/{@code completion_tokens} (chat), or
 *       {@code usage.input_tokens}/{@code output_tokens} (Responses API, under {@code response} in
 *       its {@code response.completed} event); a chat stream has it in its last chunk with
 *       {@code stream_options.include_usage};</li>
 *   <li>Anthropic: {@code usage.input_tokens}/{@code output_tokens}; a stream gives the input in
 *       {@code message_start} ({@code message.usage}) and the output, cumulative, in {@code message_delta};</li>
 *   <li>Gemini: {@code usageMetadata.promptTokenCount}/{@code candidatesTokenCount}, in the last
 *       chunk that has it (a non-SSE stream is one JSON array of chunks);</li>
 *   <li>Modal: {@code tokens_used}, counted as output tokens.</li>
 * </ul>
 * Across a stream's events each count is the last one reported. Only events whose data mentions
 * a usage field are parsed, so a long stream costs one substring search per event.
 */
public final class ProviderUsage {
    private ProviderUsage() {
    }

    /** The usage in {@code response}, or empty when it reports none. */
    public static Optional<TokenUsage> of(RecordedResponse response) {
        if (response == null) {
            return Optional.empty();
        }
        Counts counts = new Counts();
        if (response.isStream()) {
            for (StreamEvent event : response.events()) {
                if (mentionsUsage(event.data())) {
                    Json.parse(event.data().getBytes(StandardCharsets.UTF_8)).ifPresent(counts::read);
                }
            }
        } else if (response.body() instanceof Body.JsonBody json) {
            JsonNode value = json.value();
            if (value.isArray()) {
                value.forEach(counts::read);
            } else {
                counts.read(value);
            }
        }
        return counts.usage();
    }

    private static final List<String> MARKERS = List.of("usage", "tokens_used");

    private static boolean mentionsUsage(String data) {
        for (String marker : MARKERS) {
            if (data.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** The latest input and output counts seen so far; null while unknown. */
    private static final class Counts {
        private Long input;
        private Long output;

        void read(JsonNode node) {
            if (!node.isObject()) {
                return;
            }
            usage(node.get("usage"));
            JsonNode message = node.get("message");      // Anthropic message_start
            if (message != null && message.isObject()) {
                usage(message.get("usage"));
            }
            JsonNode response = node.get("response");    // OpenAI Responses API events
            if (response != null && response.isObject()) {
                usage(response.get("usage"));
            }
            JsonNode gemini = node.get("usageMetadata");
            if (gemini != null && gemini.isObject()) {
                input = count(gemini.get("promptTokenCount"), input);
                output = count(gemini.get("candidatesTokenCount"), output);
            }
            output = count(node.get("tokens_used"), output); // Modal
        }

        private void usage(JsonNode usage) {
            if (usage == null || !usage.isObject()) {
                return;
            }
            input = count(usage.has("prompt_tokens") ? usage.get("prompt_tokens") : usage.get("input_tokens"), input);
            output = count(usage.has("completion_tokens") ? usage.get("completion_tokens") : usage.get("output_tokens"), output);
        }

        /** {@code value} when it is a whole, non-negative number; else what was known before. */
        private static Long count(JsonNode value, Long before) {
            if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
                return value.longValue();
            }
            return before;
        }

        Optional<TokenUsage> usage() {
            if (input == null && output == null) {
                return Optional.empty();
            }
            return Optional.of(new TokenUsage(input == null ? 0 : input, output == null ? 0 : output));
        }
    }
}
