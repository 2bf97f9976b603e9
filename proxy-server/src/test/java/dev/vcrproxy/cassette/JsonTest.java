package dev.vcrproxy.cassette;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trees read and written without an ObjectMapper are the ones an ObjectMapper set up alike gives. */
class JsonTest {
    @SuppressWarnings("deprecation") // the same flag as Json's, which has no other spelling without an ObjectMapper
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prompt\": \"Extract: 3 crates\", \"max_tokens\": 256, \"temperature\": 0.0, \"stream\": false}",
            "[0.30, 3e-1, 1E+3, -0.0, 0, -1, 2147483648, 9223372036854775808, 1.000000000000000000001, 1e400]",
            "{\"a\": {\"b\": [[], {}, [null, true, false]]}, \"\": \"\\u20ac\\n\\\"\\u0000\", \"z\": \"\ud83d\ude00\"}",
            "  \"just a string\"  ",
            "12345678901234567890123",
            "null"})
    void sameTreesAndBytesAsAnObjectMapper(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode ours = Json.read(bytes);
        JsonNode theirs = MAPPER.readTree(bytes);

        assertThat(ours).isEqualTo(theirs);
        assertThat(classes(ours)).isEqualTo(classes(theirs));
        assertThat(Json.compactBytes(ours)).isEqualTo(MAPPER.writeValueAsBytes(theirs));
        assertThat(Json.compact(ours)).isEqualTo(MAPPER.writeValueAsString(theirs));
        assertThat(Json.pretty(ours)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(theirs));
    }

    @Test
    void decimalsKeepTheirSpelling() throws Exception {
        assertThat(Json.compact(Json.read("[0.30, 1.0E+3, 5e-1]".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("[0.30,1.0E+3,0.5]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": 1, \"a\": 2}", "{\"a\": 1} {\"b\": 2}", "[1, 2] x", "{\"a\": ", "[1,]", "'single'", "NaN"})
    void rejectsWhatIsNotExactlyOneStrictJsonValue(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(bytes)).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(((JsonProcessingException) e).getLocation()).isNotNull());
        assertThat(Json.parse(bytes)).isEmpty();
    }

    @Test
    void noValueAtAllIsTheMissingNode() throws Exception {
        assertThat(Json.read("  \n".getBytes(StandardCharsets.UTF_8)).isMissingNode()).isTrue();
        assertThat(Json.parse(new byte[0])).isEmpty();
        assertThat(Json.parse(" ".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void trailingDataIsReportedWithItsLine() {
        byte[] bytes = "{\"a\": 1}\n\n[2]".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.read(bytes)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Trailing token")
                .satisfies(e -> assertThat(((JsonProcessingException) e).getLocation().getLineNr()).isEqualTo(3));
    }

    @Test
    void nestingBeyondJacksonsLimitIsNotJsonRatherThanAStackOverflow() throws Exception {
        byte[] deep = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        assertThat(Json.parse(deep)).isEmpty();
        byte[] allowed = ("[".repeat(999) + "1" + "]".repeat(999)).getBytes(StandardCharsets.UTF_8);
        assertThat(Json.compactBytes(Json.read(allowed))).isEqualTo(allowed);
    }

    /** Node classes in document order: an int must stay an IntNode, a decimal a DecimalNode. */
    private static String classes(JsonNode node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
        node.forEach(child -> out.append(' ').append(classes(child)));
        return out.toString();
    }
}
