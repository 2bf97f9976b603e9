package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassetteCodecTest {

    @Test
    void writesFormatOneWithDeterministicLayout() {
        Interaction i = Fixtures.interaction("{\"prompt\": \"hi\", \"temperature\": 0.0}", "{\"ir_json\": {}, \"tokens_used\": 812}");
        String text = new String(CassetteCodec.write(new Cassette(CassetteName.of("test_parser"), List.of(i))), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("{\n"
                + "  \"format\": 1,\n"
                + "  \"name\": \"test_parser\",\n"
                + "  \"interactions\": [\n"
                + "    {\n"
                + "      \"key\": \"" + i.key() + "\",\n"
                + "      \"seq\": 0,\n"
                + "      \"recorded_at\": \"2026-11-24T10:15:02Z\",\n"
                + "      \"duration_ms\": 1234,\n"
                + "      \"request\": {\n"
                + "        \"method\": \"POST\",\n"
                + "        \"route\": \"/generate\",\n"
                + "        \"path\": \"/\",\n"
                + "        \"query\": {},\n"
                + "        \"headers\": {\n"
                + "          \"content-type\": \"application/json\"\n"
                + "        },\n"
                + "        \"body\": {\n"
                + "          \"prompt\": \"hi\",\n"
                + "          \"temperature\": 0.0\n"
                + "        }\n"
                + "      },\n"
                + "      \"response\": {\n"
                + "        \"status\": 200,\n"
                + "        \"headers\": {\n"
                + "          \"content-type\": \"application/json\"\n"
                + "        },\n"
                + "        \"body\": {\n"
                + "          \"ir_json\": {},\n"
                + "          \"tokens_used\": 812\n"
                + "        }\n"
                + "      }\n"
                + "    }\n"
                + "  ]\n"
                + "}\n");
    }

    @Test
    void sortsInteractionsByKeyThenSeqAndRoundTripsByteForByte() {
        Interaction a = Fixtures.interaction("{\"prompt\": \"a\"}", "{\"n\": 1}");
        Interaction b = Fixtures.interaction("{\"prompt\": \"b\"}", "{\"n\": 2}");
        Interaction b1 = b.withSeq(1);
        Cassette cassette = new Cassette(CassetteName.of("x"), List.of(b1, a, b));
        byte[] bytes = CassetteCodec.write(cassette);
        Cassette read = CassetteCodec.read(bytes, "x.json");
        assertThat(read.interactions()).extracting(Interaction::key, Interaction::seq)
                .isSortedAccordingTo((l, r) -> l.toString().compareTo(r.toString()));
        assertThat(CassetteCodec.write(read)).isEqualTo(bytes);
        assertThat(read.recordings(b.key())).extracting(Interaction::seq).containsExactly(0, 1);
    }

    @Test
    void storesTextAndBinaryBodiesExactly() {
        RecordedRequest request = Fixtures.request("{}");
        byte[] binary = {0, (byte) 0xff, 10, 13};
        Interaction text = new Interaction("a".repeat(64), 0, java.time.Instant.EPOCH, 1, request,
                new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "text/plain")), Body.of("héllo\r\n".getBytes(StandardCharsets.UTF_8), "text/html")));
        Interaction bin = new Interaction("b".repeat(64), 0, java.time.Instant.EPOCH, 1, request,
                new RecordedResponse(200, new TreeMap<>(), Body.of(binary, "application/octet-stream")));
        byte[] bytes = CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(text, bin)));
        String file = new String(bytes, StandardCharsets.UTF_8);
        assertThat(file).contains("\"body_text\": \"héllo\\r\\n\"").contains("\"body_base64\": \"AP8KDQ==\"");
        Cassette read = CassetteCodec.read(bytes, "x.json");
        assertThat(read.interactions().get(0).response().body().bytes()).isEqualTo("héllo\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read.interactions().get(1).response().body().bytes()).isEqualTo(binary);
    }

    @Test
    void streamsKeepTheirLineEndAndAnyUnusualBytes() {
        List<StreamEvent> events = List.of(
                new StreamEvent(5, "{\"a\":1}", null, null, null, "\r\n", null),
                new StreamEvent(9, "b", "delta", null, null, "\n", "event:delta\ndata:b\n\n"));
        Interaction i = new Interaction("c".repeat(64), 0, java.time.Instant.EPOCH, 1, Fixtures.request("{}"),
                RecordedResponse.stream(200, new TreeMap<>(Map.of("content-type", "text/event-stream")), events));
        byte[] bytes = CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(i)));
        String file = new String(bytes, StandardCharsets.UTF_8);
        assertThat(file).contains("\"line_end\": \"\\r\\n\",\n        \"events\": [")
                .contains("\"line_end\": \"\\n\"").contains("\"wire\": \"event:delta\\ndata:b\\n\\n\"");
        Cassette read = CassetteCodec.read(bytes, "x.json");
        assertThat(read.interactions().get(0).response().events()).isEqualTo(events);
        assertThat(CassetteCodec.write(read)).isEqualTo(bytes);
        assertThat(new String(read.interactions().get(0).response().events().get(0).wireBytes(), StandardCharsets.UTF_8))
                .isEqualTo("data: {\"a\":1}\r\n\r\n");
    }

    @Test
    void anUnknownLineEndIsABadCassette() {
        String file = new String(CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(new Interaction("c".repeat(64), 0,
                java.time.Instant.EPOCH, 1, Fixtures.request("{}"), RecordedResponse.stream(200, new TreeMap<>(),
                List.of(new StreamEvent(1, "a", null, null, null, "\r\n", null))))))), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CassetteCodec.read(file.replace("\"\\r\\n\"", "\"<br>\"").getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessageContaining("x.json").hasMessageContaining("line end");
    }

    @Test
    void jsonBodiesReplayCompactAndKeepNumberSpelling() {
        Body body = Body.of("{ \"a\" : 0.30, \"b\": [1e2, 7] }".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":0.30,\"b\":[1E+2,7]}");
    }

    @Test
    void aTruncatedFileIsAnErrorNamingFileAndLine() {
        Interaction a = Fixtures.interaction("{\"prompt\": \"a\"}", "{\"n\": 1}");
        byte[] bytes = CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(a)));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> CassetteCodec.read(truncated, "fixtures/x.json"))
                .isInstanceOf(BadCassetteException.class)
                .hasMessageStartingWith("fixtures/x.json:")
                .hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(((BadCassetteException) e).line()).isGreaterThan(1));
    }

    @Test
    void wrongFormatAndMissingFieldsAreNamed() {
        assertThatThrownBy(() -> CassetteCodec.read("{\"format\": 2, \"name\": \"x\", \"interactions\": []}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(BadCassetteException.class).hasMessageContaining("unsupported cassette format 2");
        assertThatThrownBy(() -> CassetteCodec.read("[1, 2]".getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(BadCassetteException.class).hasMessageContaining("expected a JSON object");
        String missing = "{\"format\": 1, \"name\": \"x\", \"interactions\": [\n{\"key\": \"" + "c".repeat(64)
                + "\", \"seq\": 0, \"recorded_at\": \"2026-01-01T00:00:00Z\"}]}";
        assertThatThrownBy(() -> CassetteCodec.read(missing.getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(BadCassetteException.class).hasMessage("x.json:2: interaction #0: missing 'request'");
    }

    @Test
    void usageSitsAfterDurationAndUpstreamAndRoundTrips() {
        Interaction plain = Fixtures.interaction("{\"prompt\": \"u\"}", "{\"tokens_used\": 7}");
        Interaction i = new Interaction(plain.key(), 0, plain.recordedAt(), 31, plain.request(), plain.response(),
                "https://org--generate.modal.run", new TokenUsage(3, 7));
        byte[] bytes = CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(i)));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"duration_ms\": 31,\n"
                + "      \"upstream\": \"https://org--generate.modal.run\",\n"
                + "      \"usage\": {\n"
                + "        \"input_tokens\": 3,\n"
                + "        \"output_tokens\": 7\n"
                + "      },\n"
                + "      \"request\": {");
        Cassette read = CassetteCodec.read(bytes, "x.json");
        assertThat(read.interactions().get(0).usage()).isEqualTo(new TokenUsage(3, 7));
        assertThat(CassetteCodec.write(read)).isEqualTo(bytes);
    }

    @Test
    void usageIsOptionalAndChecked() {
        Interaction plain = Fixtures.interaction("{\"prompt\": \"u\"}", "{\"ok\": true}");
        String file = new String(CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(plain))), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("usage");
        assertThat(CassetteCodec.read(file.getBytes(StandardCharsets.UTF_8), "x.json").interactions().get(0).usage()).isNull();
        String bad = file.replace("\"duration_ms\": 1234,", "\"duration_ms\": 1234, \"usage\": {\"input_tokens\": -1},");
        assertThatThrownBy(() -> CassetteCodec.read(bad.getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(BadCassetteException.class).hasMessageContaining("usage.input_tokens");
    }
}
