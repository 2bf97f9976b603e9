package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Shapes and their differences, on answers as OpenAI, Anthropic, Gemini and a Modal vLLM endpoint send them. */
class DriftTest {
    private static final String OPENAI_CHAT = """
            {"id":"chatcmpl-AbC123","object":"chat.completion","created":1732440902,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Oslo, 3 crates, Friday.","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":24,"completion_tokens":9,"total_tokens":33},
             "system_fingerprint":"fp_0ba0d124f1"}""";

    @Test
    void openAiChatWithOtherTextAndNumbersHasNoDrift() {
        String live = OPENAI_CHAT.replace("Oslo, 3 crates, Friday.", "Three crates to Oslo by Friday, as requested.")
                .replace("\"prompt_tokens\":24", "\"prompt_tokens\":31").replace("chatcmpl-AbC123", "chatcmpl-Zz9")
                .replace("1732440902", "1733140000");
        assertThat(Drift.compare(json(OPENAI_CHAT), json(live))).isEmpty();
    }

    @Test
    void openAiChatThatGainedCachedTokensDrifts() {
        String live = OPENAI_CHAT.replace("\"total_tokens\":33}",
                "\"total_tokens\":33,\"prompt_tokens_details\":{\"cached_tokens\":0}}");
        assertThat(Drift.compare(json(OPENAI_CHAT), json(live))).extracting(ShapeChange::describe).containsExactly(
                "body /usage/prompt_tokens_details: added (object)",
                "body /usage/prompt_tokens_details/cached_tokens: added (number)");
    }

    @Test
    void openAiChatThatLostAFieldOrChangedATypeDrifts() {
        String live = OPENAI_CHAT.replaceAll(",\\s*\"system_fingerprint\":\"fp_0ba0d124f1\"", "")
                .replace("\"completion_tokens\":9", "\"completion_tokens\":\"9\"");
        List<ShapeChange> changes = Drift.compare(json(OPENAI_CHAT), json(live));
        assertThat(changes).containsExactly(
                new ShapeChange("body", null, "/system_fingerprint", "removed", "string", null),
                new ShapeChange("body", null, "/usage/completion_tokens", "type", "number", "string"));
        assertThat(changes.get(1).describe()).isEqualTo("body /usage/completion_tokens: recorded number, live string");
    }

    @Test
    void openAiStreamOfAnotherLengthHasNoDriftButANewUsageChunkHas() {
        RecordedResponse recorded = stream(openAiChunks("Hi", " there"));
        RecordedResponse longer = stream(openAiChunks("Hello", ",", " how", " can", " I", " help?"));
        assertThat(Drift.compare(recorded, longer)).isEmpty();

        List<String[]> withUsage = openAiChunks("Hi");
        withUsage.add(withUsage.size() - 1, new String[] {null,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}"});
        assertThat(Drift.compare(recorded, stream(withUsage))).extracting(ShapeChange::describe).containsExactly(
                "data of message /usage: added (object)",
                "data of message /usage/completion_tokens: added (number)",
                "data of message /usage/prompt_tokens: added (number)",
                "data of message /usage/total_tokens: added (number)");
    }

    @Test
    void anthropicStreamComparesEventNamesAndTheirData() {
        RecordedResponse recorded = stream(anthropic(List.of("The", " answer"), ""));
        assertThat(Drift.compare(recorded, stream(anthropic(List.of("Oslo", ",", " Friday", "."), "")))).isEmpty();

        List<String[]> cached = anthropic(List.of("Oslo"), ",\"cache_read_input_tokens\":0");
        cached.removeIf(e -> "ping".equals(e[0]));
        assertThat(Drift.compare(recorded, stream(cached))).extracting(ShapeChange::describe).containsExactly(
                "events ping: removed",
                "data of message_delta /usage/cache_read_input_tokens: added (number)");
    }

    @Test
    void anthropicEventsInAnotherOrderDrift() {
        List<String[]> events = anthropic(List.of("Hi"), "");
        List<String[]> swapped = new ArrayList<>(events);
        String[] ping = swapped.remove(2);
        swapped.add(0, ping);
        assertThat(Drift.compare(stream(events), stream(swapped))).singleElement()
                .satisfies(c -> assertThat(c.change()).isEqualTo("order"))
                .satisfies(c -> assertThat(c.live()).startsWith("ping message_start"));
    }

    @Test
    void geminiAnswerComparedByShape() {
        String recorded = """
                {"candidates":[{"content":{"parts":[{"text":"Three crates."}],"role":"model"},"finishReason":"STOP",
                  "avgLogprobs":-0.12}],
                 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":4,"totalTokenCount":16},
                 "modelVersion":"gemini-1.5-flash"}""";
        String sameShape = recorded.replace("Three crates.", "3 crates to Oslo.").replace("-0.12", "-0.4")
                .replace("\"totalTokenCount\":16", "\"totalTokenCount\":17");
        assertThat(Drift.compare(json(recorded), json(sameShape))).isEmpty();
        String changed = recorded.replace("\"totalTokenCount\":16}", "\"totalTokenCount\":16,"
                + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":12}]}").replaceAll(",\\s*\"avgLogprobs\":-0.12", "");
        assertThat(Drift.compare(json(recorded), json(changed))).extracting(ShapeChange::describe).containsExactly(
                "body /candidates/*/avgLogprobs: removed (was number)",
                "body /usageMetadata/promptTokensDetails: added (array)",
                "body /usageMetadata/promptTokensDetails/*: added (object)",
                "body /usageMetadata/promptTokensDetails/*/modality: added (string)",
                "body /usageMetadata/promptTokensDetails/*/tokenCount: added (number)");
    }

    @Test
    void modalAnswerWhoseTokensUsedBecameAStringDrifts() {
        String recorded = "{\"ir_json\":{\"intent\":\"extract\",\"entities\":[\"crates\",\"Oslo\"],\"confidence\":0.91},"
                + "\"tokens_used\":812,\"model\":\"org/vllm-7b\"}";
        String otherValues = "{\"ir_json\":{\"intent\":\"order\",\"entities\":[],\"confidence\":1},"
                + "\"tokens_used\":95,\"model\":\"org/vllm-7b\"}";
        assertThat(Drift.compare(json(recorded), json(otherValues))).as("an empty list says nothing of its members").isEmpty();
        String stringly = recorded.replace("812", "\"812\"");
        assertThat(Drift.compare(json(recorded), json(stringly)))
                .containsExactly(new ShapeChange("body", null, "/tokens_used", "type", "number", "string"));
    }

    @Test
    void statusAndContentTypeComeFirst() {
        RecordedResponse ok = json("{\"ir_json\":{},\"tokens_used\":1}");
        RecordedResponse failed = new RecordedResponse(503, new TreeMap<>(Map.of("content-type", "text/html")),
                Body.of("<html>Service Unavailable</html>".getBytes(StandardCharsets.UTF_8), "text/html"));
        assertThat(Drift.compare(ok, failed)).extracting(ShapeChange::describe).containsExactly("status: recorded 200, live 503");

        RecordedResponse html = new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "text/html; charset=utf-8")),
                Body.of("<html>maintenance</html>".getBytes(StandardCharsets.UTF_8), "text/html"));
        assertThat(Drift.compare(ok, html)).extracting(ShapeChange::describe).containsExactly(
                "content_type: recorded application/json, live text/html",
                "body: recorded object, live text");
        RecordedResponse charset = new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "application/json; charset=utf-8")),
                Body.of("{\"ir_json\":{},\"tokens_used\":2}".getBytes(StandardCharsets.UTF_8), "application/json"));
        assertThat(Drift.compare(ok, charset)).isEmpty();
    }

    @Test
    void aStreamAgainstAPlainBodyIsOneChange() {
        assertThat(Drift.compare(stream(openAiChunks("Hi")), json(OPENAI_CHAT))).extracting(ShapeChange::describe)
                .containsExactly("content_type: recorded text/event-stream, live application/json",
                        "body: recorded events, live object");
    }

    @Test
    void shapesListPathsWithStarsForArrayIndices() {
        JsonShape shape = JsonShape.of(Json.parse(OPENAI_CHAT.getBytes(StandardCharsets.UTF_8)).orElseThrow());
        assertThat(shape.typeAt("/choices/*/message/content")).isEqualTo("string");
        assertThat(shape.typeAt("/choices/*/logprobs")).isEqualTo("null");
        assertThat(shape.typeAt("/choices/0/message")).isNull();
        ResponseShape streamed = ResponseShape.of(stream(openAiChunks("Hi")));
        assertThat(streamed.eventData().get("message").typeAt("")).isEqualTo("object|text"); // chunks and [DONE]
        assertThat(streamed.eventData().get("message").typeAt("/choices/*/finish_reason")).isEqualTo("null|string");
    }

    private static RecordedResponse json(String body) {
        return new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "application/json")),
                Body.of(body.getBytes(StandardCharsets.UTF_8), "application/json"));
    }

    /** {event name or null, data} pairs as a recorded stream. */
    private static RecordedResponse stream(List<String[]> events) {
        List<StreamEvent> stored = new ArrayList<>();
        long t = 0;
        for (String[] e : events) {
            stored.add(new StreamEvent(t += 40, e[1], e[0], null, null));
        }
        return RecordedResponse.stream(200, new TreeMap<>(Map.of("content-type", "text/event-stream; charset=utf-8")), stored);
    }

    private static List<String[]> openAiChunks(String... pieces) {
        String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732440902,"
                + "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,";
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {null, head + "\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}]}"});
        for (String piece : pieces) {
            out.add(new String[] {null, head + "\"delta\":{\"content\":\"" + piece + "\"},\"logprobs\":null,\"finish_reason\":null}]}"});
        }
        out.add(new String[] {null, head + "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}"});
        out.add(new String[] {null, "[DONE]"});
        return out;
    }

    private static List<String[]> anthropic(List<String> pieces, String extraUsage) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-3-5-sonnet-20241022\","
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}"});
        out.add(new String[] {"content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"});
        out.add(new String[] {"ping", "{\"type\": \"ping\"}"});
        for (String piece : pieces) {
            out.add(new String[] {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"});
        }
        out.add(new String[] {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"});
        out.add(new String[] {"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15" + extraUsage + "}}"});
        out.add(new String[] {"message_stop", "{\"type\":\"message_stop\"}"});
        return out;
    }
}
