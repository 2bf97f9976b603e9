package dev.vcrproxy.interop;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * httpx and the openai and anthropic Python SDKs ({@code src/test/python/sdk_calls.py}) record
 * through the jar against the stand-ins, then replay from a fresh proxy with the stand-ins gone and
 * must return the same objects. Skipped, with the reason, where python3 or the wheels are missing.
 */
class PythonSdksIT {
    private static final Path SCRIPT = Path.of("src", "test", "python", "sdk_calls.py").toAbsolutePath();

    @TempDir
    static Path fixtures;
    static PythonSdks python;
    static JsonNode live;
    static JsonNode replayed;
    static JsonNode replayStats;
    static boolean portsDiffer;

    @BeforeAll
    static void recordThenReplay() throws Exception {
        python = PythonSdks.prepare(Path.of("target", "python-sdks").toAbsolutePath());
        if (python.unavailable() != null) {
            System.err.println("PythonSdksIT: every case skipped: " + python.unavailable());
            return;
        }
        ProviderStandIns upstreams = ProviderStandIns.start();
        VcrJar replayer;
        try (VcrJar recorder = VcrJar.start("record-missing", fixtures, Recipes.routesWithOpenAiAtTheRoot(upstreams))) {
            try {
                live = python.runJson(SCRIPT, Map.of("OPENAI_API_KEY", OpenAiWire.API_KEY, "ANTHROPIC_API_KEY", AnthropicWire.API_KEY),
                        recorder.base());
            } finally {
                upstreams.close();
            }
            // started while the recorder holds its port, so the replay is on another; used once the recorder has stopped
            replayer = VcrJar.start("replay", fixtures, Recipes.routesWithOpenAiAtTheRoot(upstreams));
            portsDiffer = replayer.port() != recorder.port();
        }
        // CI has no real keys: the SDKs insist on one, any placeholder replays (credentials are not part of the key)
        try (replayer) {
            replayed = python.runJson(SCRIPT, Map.of("OPENAI_API_KEY", "placeholder", "ANTHROPIC_API_KEY", "placeholder"),
                    replayer.base());
            replayStats = replayer.stats();
        }
    }

    @Test
    void httpxModalJson() {
        JsonNode result = assertReplaysAsRecorded("httpx_modal_json", "py-httpx-modal");
        assertThat(result.at("/json/tokens_used").asInt()).isEqualTo(103);
    }

    @Test
    void httpxFollowsTheModal303ChainInsideTheProxy() {
        JsonNode result = assertReplaysAsRecorded("httpx_long_call", "py-httpx-long-call");
        assertThat(result.at("/json/tokens_used").asInt()).isEqualTo(812);
        assertThat(result.at("/hops/0/0").asInt()).isEqualTo(303);
        assertThat(portsDiffer).as("replayed on another port").isTrue();
        // the GET of the Location went through the proxy into the test's cassette, not to the upstream
        assertThat(result.at("/hops/1/1").asText()).startsWith("{proxy}/__cassette/py-httpx-long-call/generate")
                .endsWith("?__modal_function_call_id=" + ModalWire.CALL_ID);
    }

    @Test
    void openAiChatCompletion() {
        JsonNode result = assertReplaysAsRecorded("openai_chat", "py-openai-chat");
        assertThat(result.at("/choices/0/message/content").asText()).isEqualTo("3 crates to Oslo by Friday.");
    }

    @Test
    void openAiStreamedToolCallWithUsage() {
        JsonNode result = assertReplaysAsRecorded("openai_stream", "py-openai-stream");
        assertThat(result).hasSize(5);
        assertThat(result.at("/4/usage/total_tokens").asInt()).isEqualTo(78);
    }

    @Test
    void anthropicMessage() {
        JsonNode result = assertReplaysAsRecorded("anthropic_message", "py-anthropic-message");
        assertThat(result.at("/content/0/text").asText()).isEqualTo("3 crates to Oslo by Friday.");
    }

    @Test
    void anthropicStreamedTextAndInputJsonDeltas() {
        JsonNode result = assertReplaysAsRecorded("anthropic_stream", "py-anthropic-stream");
        assertThat(result.at("/message/content/0/text").asText()).isEqualTo("Booking the shipment.");
        assertThat(result.at("/message/content/1/input/crates").asInt()).isEqualTo(3);
        assertThat(result.at("/message/content/1/input/city").asText()).isEqualTo("Oslo");
    }

    /** The replayed output equals the live one, served from the case's own cassette without a miss. */
    private static JsonNode assertReplaysAsRecorded(String name, String cassette) {
        assumeTrue(python.unavailable() == null, () -> "Python SDK interop skipped: " + python.unavailable());
        JsonNode liveCase = live.path(name);
        if (liveCase.has("skipped")) {
            abort(name + " skipped: " + liveCase.get("skipped").asText());
        }
        if (liveCase.has("error")) {
            fail(name + " failed through the recording proxy: " + liveCase.get("error").asText());
        }
        assertThat(replayed.path(name)).as(name + " replayed").isEqualTo(liveCase);
        assertThat(replayStats.at("/cassettes/" + cassette + "/misses").asInt()).as("misses").isZero();
        assertThat(replayStats.at("/cassettes/" + cassette + "/hits").asInt()).as("hits").isPositive();
        return liveCase.get("result");
    }
}
