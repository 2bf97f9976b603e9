package dev.vcrproxy.interop;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;

import java.util.List;
import java.util.Map;

/** What a user's code does with anthropic-java: a message, and a streamed text + tool use accumulated. */
final class AnthropicCalls {
    /** The events as the SDK parsed them, and the message its accumulator built from them. */
    record Streamed(List<RawMessageStreamEvent> events, Message accumulated) {
    }

    static final String MODEL = "claude-sonnet-4-5";

    private AnthropicCalls() {
    }

    static Message message(String baseUrl) {
        AnthropicClient client = client(baseUrl);
        try {
            return client.messages().create(MessageCreateParams.builder()
                    .model(MODEL)
                    .maxTokens(256)
                    .addUserMessage("Extract the shipment: 3 crates to Oslo by Friday")
                    .build());
        } finally {
            client.close();
        }
    }

    static Streamed streamedToolUse(String baseUrl) {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(256)
                .addUserMessage("Ship 3 crates to Oslo")
                .addTool(Tool.builder().name("ship").inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("crates", JsonValue.from(Map.of("type", "integer")))
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string")))
                                .build())
                        .build()).build())
                .build();
        AnthropicClient client = client(baseUrl);
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            List<RawMessageStreamEvent> events = stream.stream().map(accumulator::accumulate).toList();
            return new Streamed(events, accumulator.message());
        } finally {
            client.close();
        }
    }

    private static AnthropicClient client(String baseUrl) {
        return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(AnthropicWire.API_KEY).maxRetries(0).build();
    }
}
