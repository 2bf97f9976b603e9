package dev.vcrproxy.cassette;

import dev.vcrproxy.sse.SseParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Token usage from answers as the providers send them (trimmed copies of real payloads). */
class ProviderUsageTest {

    @Test
    void openAiChatCompletion() {
        assertThat(usageOf("{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
                + "\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hello! How can I assist you today?\",\"refusal\":null,"
                + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":19,"
                + "\"completion_tokens\":10,\"total_tokens\":29,\"prompt_tokens_details\":{\"cached_tokens\":0,"
                + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}},"
                + "\"service_tier\":\"default\"}"))
                .isEqualTo(new TokenUsage(19, 10));
    }

    @Test
    void openAiChatStreamWithIncludeUsage() {
        String chunk = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_44709d6fcb\",";
        assertThat(streamUsage(
                "data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
                        + "data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
                        + "data: " + chunk + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                        + "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
                        + "data: " + chunk + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,"
                        + "\"total_tokens\":21,\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\n"
                        + "data: [DONE]\n\n"))
                .isEqualTo(new TokenUsage(9, 12));
    }

    @Test
    void openAiChatStreamWithoutUsageHasNone() {
        assertThat(ProviderUsage.of(stream(
                "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the usage of words\"}}]}\n\n"
                        + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
                        + "data: [DONE]\n\n"))).isEmpty();
    }

    @Test
    void openAiResponsesApiStreamReadsTheCompletedEvent() {
        assertThat(streamUsage(
                "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                        + "{\"id\":\"resp_67c9fdcecf488190bdd9a0409de3a1ec\",\"object\":\"response\",\"status\":\"in_progress\","
                        + "\"model\":\"gpt-4.1-2025-04-14\",\"output\":[],\"usage\":null}}\n\n"
                        + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                        + "\"sequence_number\":4,\"item_id\":\"msg_67c9\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}\n\n"
                        + "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":9,"
                        + "\"response\":{\"id\":\"resp_67c9fdcecf488190bdd9a0409de3a1ec\",\"object\":\"response\","
                        + "\"status\":\"completed\",\"usage\":{\"input_tokens\":37,\"input_tokens_details\":{\"cached_tokens\":0},"
                        + "\"output_tokens\":11,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":48}}}\n\n"))
                .isEqualTo(new TokenUsage(37, 11));
    }

    @Test
    void openAiResponsesApiNotStreamed() {
        assertThat(usageOf("{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":"
                + "\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]}],\"usage\":{\"input_tokens\":36,"
                + "\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":87,\"total_tokens\":123}}"))
                .isEqualTo(new TokenUsage(36, 87));
    }

    @Test
    void anthropicMessage() {
        assertThat(usageOf("{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}],\"model\":\"claude-sonnet-4-20250514\","
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":6}}"))
                .isEqualTo(new TokenUsage(12, 6));
    }

    @Test
    void anthropicStreamTakesInputFromMessageStartAndOutputFromMessageDelta() {
        assertThat(streamUsage(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-opus-4-1-20250805\","
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
                        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                        + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
                        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
                        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n"
                        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"))
                .isEqualTo(new TokenUsage(25, 15));
    }

    @Test
    void geminiGenerateContent() {
        assertThat(usageOf("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A haiku\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"avgLogprobs\":-0.12}],\"usageMetadata\":{\"promptTokenCount\":8,"
                + "\"candidatesTokenCount\":120,\"totalTokenCount\":128,\"promptTokensDetails\":[{\"modality\":\"TEXT\","
                + "\"tokenCount\":8}]},\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"x2nHZ7ffJ6qrz7IPjuvM6QE\"}"))
                .isEqualTo(new TokenUsage(8, 120));
    }

    @Test
    void geminiSseStreamWithCrlfTakesTheLastChunkThatHasIt() {
        assertThat(streamUsage(
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hel\"}],\"role\": \"model\"}}],"
                        + "\"usageMetadata\": {\"promptTokenCount\": 4,\"totalTokenCount\": 4},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n"
                        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lo\"}],\"role\": \"model\"},"
                        + "\"finishReason\": \"STOP\"}],\"usageMetadata\": {\"promptTokenCount\": 4,\"candidatesTokenCount\": 2,"
                        + "\"totalTokenCount\": 6},\"modelVersion\": \"gemini-2.0-flash\"}\r\n\r\n"))
                .isEqualTo(new TokenUsage(4, 2));
    }

    @Test
    void geminiStreamAsOneJsonArray() {
        assertThat(usageOf("[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}],\"usageMetadata\":"
                + "{\"promptTokenCount\":4}},{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}]},"
                + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":2}}]"))
                .isEqualTo(new TokenUsage(4, 2));
    }

    @Test
    void modalTokensUsedCountsAsOutput() {
        assertThat(usageOf("{\"ir_json\": {\"intent\": \"extract\", \"entities\": [\"3 crates\", \"Oslo\"]}, \"tokens_used\": 812}"))
                .isEqualTo(new TokenUsage(0, 812));
    }

    @Test
    void answersWithoutUsageHaveNone() {
        assertThat(ProviderUsage.of(json("{\"status\": \"ok\"}"))).isEmpty();
        assertThat(ProviderUsage.of(json("{\"error\": \"model crashed\"}"))).isEmpty();
        assertThat(ProviderUsage.of(json("{\"usage\": {\"prompt_tokens\": \"many\"}}"))).isEmpty();
        assertThat(ProviderUsage.of(new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "text/plain")),
                new Body.TextBody("usage: 5 tokens")))).isEmpty();
        assertThat(ProviderUsage.of(null)).isEmpty();
    }

    private static TokenUsage usageOf(String body) {
        return ProviderUsage.of(json(body)).orElseThrow();
    }

    private static TokenUsage streamUsage(String wire) {
        return ProviderUsage.of(stream(wire)).orElseThrow();
    }

    private static RecordedResponse json(String body) {
        return new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "application/json")),
                Body.of(body.getBytes(StandardCharsets.UTF_8), "application/json"));
    }

    /** The events as the proxy's stream parser records them from these wire bytes. */
    private static RecordedResponse stream(String wire) {
        SseParser parser = new SseParser();
        parser.feed(wire.getBytes(StandardCharsets.UTF_8), 0);
        return RecordedResponse.stream(200, new TreeMap<>(Map.of("content-type", "text/event-stream")), parser.finish(0));
    }
}
