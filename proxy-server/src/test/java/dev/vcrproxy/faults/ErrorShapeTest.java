package dev.vcrproxy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Preset;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorShapeTest {
    static JsonNode body(ErrorShape shape, int status) {
        return Json.parse(shape.body(status, "status:" + status)).orElseThrow();
    }

    @Test
    void theOnePresetInForceChoosesElseThePath() {
        assertThat(ErrorShape.choose(Set.of(Preset.MODAL), "/v1/chat/completions")).isEqualTo(ErrorShape.MODAL);
        assertThat(ErrorShape.choose(Set.of(), "/v1/messages")).isEqualTo(ErrorShape.ANTHROPIC);
        assertThat(ErrorShape.choose(Set.of(), "/v1beta/models/gemini-2.0-flash:streamGenerateContent")).isEqualTo(ErrorShape.GEMINI);
        assertThat(ErrorShape.choose(Set.of(), "/v1beta/models/gemini-2.0-flash:generateContent")).isEqualTo(ErrorShape.GEMINI);
        assertThat(ErrorShape.choose(Set.of(), "/openai/v1/chat/completions")).isEqualTo(ErrorShape.OPENAI);
        assertThat(ErrorShape.choose(Set.of(Preset.OPENAI, Preset.ANTHROPIC), "/v1/messages")).isEqualTo(ErrorShape.ANTHROPIC);
        assertThat(ErrorShape.choose(Set.of(Preset.OPENAI, Preset.MODAL), "/v1/messages")).isEqualTo(ErrorShape.PROXY);
        assertThat(ErrorShape.choose(Set.of(), "/generate")).isEqualTo(ErrorShape.PROXY);
    }

    @Test
    void eachProviderInItsOwnShape() {
        JsonNode openai = body(ErrorShape.OPENAI, 429);
        assertThat(openai.at("/error/type").asText()).isEqualTo("requests");
        assertThat(openai.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(openai.at("/error/message").asText()).contains("status:429");
        assertThat(body(ErrorShape.OPENAI, 500).at("/error/code").isNull()).isTrue();

        JsonNode anthropic = body(ErrorShape.ANTHROPIC, 529);
        assertThat(anthropic.get("type").asText()).isEqualTo("error");
        assertThat(anthropic.at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(body(ErrorShape.ANTHROPIC, 429).at("/error/type").asText()).isEqualTo("rate_limit_error");

        JsonNode gemini = body(ErrorShape.GEMINI, 429);
        assertThat(gemini.at("/error/code").asInt()).isEqualTo(429);
        assertThat(gemini.at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(body(ErrorShape.GEMINI, 503).at("/error/status").asText()).isEqualTo("UNAVAILABLE");

        assertThat(body(ErrorShape.MODAL, 500).get("error").isTextual()).isTrue();
        assertThat(body(ErrorShape.PROXY, 500).at("/error/type").asText()).isEqualTo("vcr_fault");
    }
}
