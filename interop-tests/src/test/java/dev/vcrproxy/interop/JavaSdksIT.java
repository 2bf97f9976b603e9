package dev.vcrproxy.interop;

import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.types.GenerateContentResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openai-java, anthropic-java, google-genai and a Modal-style client record through one proxy
 * configured as the README's multi-provider recipe, against stand-ins speaking each wire format;
 * the stand-ins are then stopped and a fresh proxy (another port) replays: every SDK must return
 * objects equal to those it returned live, with no miss.
 */
class JavaSdksIT {
    /** One SDK call each; the plain calls use the README's base URLs as they are, the others a cassette of their own. */
    enum Call {
        OPENAI_CHAT(proxy -> OpenAiCalls.chat(Recipes.openAi(proxy, null))),
        OPENAI_STREAM(proxy -> OpenAiCalls.streamedToolCall(Recipes.openAi(proxy, "openai-stream"))),
        ANTHROPIC_MESSAGE(proxy -> AnthropicCalls.message(Recipes.anthropic(proxy, null))),
        ANTHROPIC_STREAM(proxy -> AnthropicCalls.streamedToolUse(Recipes.anthropic(proxy, "anthropic-stream"))),
        GEMINI_GENERATE(proxy -> GeminiCalls.generate(Recipes.gemini(proxy, null))),
        GEMINI_STREAM(proxy -> GeminiCalls.stream(Recipes.gemini(proxy, "gemini-stream"))),
        OPENAI_STREAM_BYTES(proxy -> RawStreams.post(Recipes.openAi(proxy, "openai-bytes") + "/chat/completions",
                "Authorization", "Bearer " + OpenAiWire.API_KEY, "{\"model\": \"gpt-4o-mini\", \"stream\": true, \"messages\": []}")),
        ANTHROPIC_STREAM_BYTES(proxy -> RawStreams.post(Recipes.anthropic(proxy, "anthropic-bytes") + "/v1/messages",
                "x-api-key", AnthropicWire.API_KEY, "{\"model\": \"claude-sonnet-4-5\", \"stream\": true, \"max_tokens\": 9, \"messages\": []}")),
        GEMINI_STREAM_BYTES(proxy -> RawStreams.post(
                Recipes.gemini(proxy, "gemini-bytes") + "/v1beta/models/" + GeminiWire.MODEL + ":streamGenerateContent?alt=sse",
                "x-goog-api-key", GeminiWire.API_KEY, "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Ship 3 crates\"}]}]}")),
        MODAL_JSON(proxy -> ModalCalls.generate(proxy, Recipes.modal(proxy, null), "Extract the shipment: 3 crates to Oslo by Friday").body()),
        MODAL_LONG_CALL(proxy -> ModalCalls.generate(proxy, Recipes.modal(proxy, "modal-long-call"), ModalWire.LONG_PROMPT));

        final SdkCall call;

        Call(SdkCall call) {
            this.call = call;
        }
    }

    interface SdkCall {
        Object on(String proxyBase) throws Exception;
    }

    @TempDir
    static Path fixtures;
    static final Map<Call, Outcome> LIVE = new EnumMap<>(Call.class);
    static ProviderStandIns upstreams;
    static JsonNode recordingStats;
    static int recordingPort;
    static VcrJar replayer;

    @BeforeAll
    static void recordEveryCallThenStopTheUpstreams() throws Exception {
        upstreams = ProviderStandIns.start();
        try (VcrJar recorder = VcrJar.start("record-missing", fixtures, Recipes.routes(upstreams))) {
            try {
                for (Call c : Call.values()) {
                    LIVE.put(c, Outcome.of(() -> c.call.on(recorder.base())));
                }
                recordingStats = recorder.stats();
            } finally {
                upstreams.close();
            }
            // started while the recorder holds its port, so the replay is on another; used once the recorder has stopped
            replayer = VcrJar.start("replay", fixtures, Recipes.routes(upstreams));
            recordingPort = recorder.port();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (replayer != null) {
            replayer.close();
        }
    }

    @Test
    void openAiChatCompletion() throws Exception {
        var live = (ChatCompletion) assertReplaysAsRecorded(Call.OPENAI_CHAT);
        assertThat(live.choices().get(0).message().content()).hasValue("3 crates to Oslo by Friday.");
        assertThat(upstreams.openAi().requests()).contains("POST /v1/chat/completions");
    }

    @Test
    void openAiStreamedToolCallWithUsage() throws Exception {
        var live = (OpenAiCalls.Streamed) assertReplaysAsRecorded(Call.OPENAI_STREAM);
        assertThat(live.chunks()).hasSize(5);
        ChatCompletionMessageFunctionToolCall toolCall = live.accumulated().choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(toolCall.function().name()).isEqualTo("ship");
        assertThat(toolCall.function().arguments()).isEqualTo("{\"crates\": 3, \"city\": \"Oslo\"}");
        assertThat(live.accumulated().usage().orElseThrow().totalTokens()).isEqualTo(78);
    }

    @Test
    void anthropicMessage() throws Exception {
        var live = (Message) assertReplaysAsRecorded(Call.ANTHROPIC_MESSAGE);
        assertThat(live.content().get(0).asText().text()).isEqualTo("3 crates to Oslo by Friday.");
        assertThat(upstreams.anthropic().requests()).contains("POST /v1/messages");
    }

    @Test
    void anthropicStreamedTextAndInputJsonDeltas() throws Exception {
        var live = (AnthropicCalls.Streamed) assertReplaysAsRecorded(Call.ANTHROPIC_STREAM);
        assertThat(live.events()).hasSize(12); // the SDK drops the ping
        assertThat(live.accumulated().content().get(0).asText().text()).isEqualTo("Booking the shipment.");
        assertThat(live.accumulated().content().get(1).asToolUse()._input().toString()).isEqualTo("{crates=3, city=Oslo}");
        assertThat(live.accumulated().usage().outputTokens()).isEqualTo(42);
    }

    @Test
    void geminiGenerateContent() throws Exception {
        var live = (GenerateContentResponse) assertReplaysAsRecorded(Call.GEMINI_GENERATE);
        assertThat(live.text()).isEqualTo("3 crates to Oslo by Friday.");
        assertThat(upstreams.gemini().requests()).contains("POST /v1/models/gemini-2.0-flash:generateContent");
    }

    @Test
    void geminiStreamGenerateContentWithCrlfEvents() throws Exception {
        @SuppressWarnings("unchecked")
        var live = (List<GenerateContentResponse>) assertReplaysAsRecorded(Call.GEMINI_STREAM);
        assertThat(live).extracting(GenerateContentResponse::text).containsExactly("3 crates", " to Oslo by Friday.");
        assertThat(upstreams.gemini().requests()).contains("POST /v1/models/gemini-2.0-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void openAiAndAnthropicStreamsReplayByteForByte() throws Exception {
        assertThat(assertReplaysAsRecorded(Call.OPENAI_STREAM_BYTES)).isEqualTo("200\n" + String.join("", OpenAiWire.TOOL_CALL_STREAM));
        assertThat(assertReplaysAsRecorded(Call.ANTHROPIC_STREAM_BYTES)).isEqualTo("200\n" + String.join("", AnthropicWire.TOOL_USE_STREAM));
    }

    @Test
    void geminiStreamReplaysByteForByte() throws Exception {
        Object live = assertReplaysAsRecorded(Call.GEMINI_STREAM_BYTES);
        assertThat(live).isEqualTo("200\n" + RawStreams.showLineEnds(String.join("", GeminiWire.CRLF_STREAM)));
    }

    @Test
    void modalJson() throws Exception {
        Object live = assertReplaysAsRecorded(Call.MODAL_JSON);
        assertThat(live).isEqualTo(ModalWire.RESULT);
    }

    @Test
    void modalLongCallFollowsTheRedirectThroughTheProxyAndReplaysOnAnotherPort() throws Exception {
        var live = (ModalCalls.Answer) assertReplaysAsRecorded(Call.MODAL_LONG_CALL);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo(ModalWire.LONG_RESULT);
        // both legs of the chain went through the recording proxy into the test's cassette
        assertThat(live.urls()).hasSize(2).allSatisfy(url -> assertThat(url).startsWith("{proxy}/__cassette/modal-long-call/generate"));
        assertThat(live.urls().get(1)).endsWith("?__modal_function_call_id=" + ModalWire.CALL_ID);
        assertThat(replayer.port()).isNotEqualTo(recordingPort);
        assertThat(recordingStats.at("/cassettes/modal-long-call/recorded").asInt()).isEqualTo(2);
        assertThat(upstreams.modal().requests()).contains("GET /?__modal_function_call_id=" + ModalWire.CALL_ID);
    }

    @Test
    void credentialsReachTheUpstreamButNoCassetteHoldsThem() throws Exception {
        // each stand-in answers 401 without its key, so every live call that succeeded carried it
        assertThat(LIVE.get(Call.OPENAI_CHAT).get()).isNotNull();
        assertThat(LIVE.get(Call.ANTHROPIC_MESSAGE).get()).isNotNull();
        assertThat(LIVE.get(Call.GEMINI_GENERATE).get()).isNotNull();
        List<Path> cassettes;
        try (Stream<Path> files = Files.walk(fixtures)) {
            cassettes = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(cassettes).isNotEmpty();
        for (Path cassette : cassettes) {
            assertThat(Files.readString(cassette)).as(cassette.toString())
                    .doesNotContain(OpenAiWire.API_KEY, AnthropicWire.API_KEY, GeminiWire.API_KEY);
        }
        assertThat(Files.readString(fixtures.resolve("default.json")))
                .contains("\"authorization\": \"<redacted>\"", "\"x-goog-api-key\": \"<redacted>\"");
        assertThat(Files.readString(fixtures.resolve("anthropic-bytes.json"))).contains("\"x-api-key\": \"<redacted>\"");
    }

    /** Replays the call on the fresh proxy: equal to what it returned live, served from the cassette. */
    private static Object assertReplaysAsRecorded(Call call) throws Exception {
        Object live = LIVE.get(call).get();
        JsonNode before = replayer.stats();
        Object replayed;
        try {
            replayed = call.call.on(replayer.base());
        } catch (Exception e) {
            throw new AssertionError("replay of " + call + " failed; proxy log:\n" + replayer.log(), e);
        }
        JsonNode after = replayer.stats();
        assertThat(replayed).as(call + " replayed").isEqualTo(live);
        assertThat(after.path("misses").asInt()).as("misses").isEqualTo(before.path("misses").asInt());
        assertThat(after.path("upstream_errors").asInt()).as("upstream errors").isEqualTo(before.path("upstream_errors").asInt());
        assertThat(after.path("hits").asInt()).as("hits").isGreaterThan(before.path("hits").asInt());
        return live;
    }
}
