package dev.vcrproxy.interop;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import java.util.List;
import java.util.Map;

/** What a user's code does with openai-java: a chat completion, and a streamed tool call accumulated. */
final class OpenAiCalls {
    /** The chunks as the SDK parsed them, and the completion its accumulator built from them. */
    record Streamed(List<ChatCompletionChunk> chunks, ChatCompletion accumulated) {
    }

    static final String MODEL = "gpt-4o-mini";

    private OpenAiCalls() {
    }

    static ChatCompletion chat(String baseUrl) {
        OpenAIClient client = client(baseUrl);
        try {
            return client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model(MODEL)
                    .addUserMessage("Extract the shipment: 3 crates to Oslo by Friday")
                    .temperature(0.0)
                    .build());
        } finally {
            client.close();
        }
    }

    static Streamed streamedToolCall(String baseUrl) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Ship 3 crates to Oslo")
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("ship")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                        "crates", Map.of("type", "integer"), "city", Map.of("type", "string"))))
                                .build())
                        .build()).build())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        OpenAIClient client = client(baseUrl);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = stream.stream().map(accumulator::accumulate).toList();
            return new Streamed(chunks, accumulator.chatCompletion());
        } finally {
            client.close();
        }
    }

    private static OpenAIClient client(String baseUrl) {
        // no retries: a call that fails must fail the test, not be sent again
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(OpenAiWire.API_KEY).maxRetries(0).build();
    }
}
