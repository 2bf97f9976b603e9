package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.TreeMap;

import static dev.vcrproxy.cassette.MultipartTest.httpxTranscription;
import static dev.vcrproxy.cassette.MultipartTest.resource;
import static dev.vcrproxy.cassette.MultipartTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** A form-data upload as keyed, stored, read back and explained on a miss. */
class MultipartRequestTest {
    private static final String FIRST = "0f9c2b8e1d7a46b3a5c4e2f1d0b9a8c7";
    private static final String SECOND = "5d41402abc4b2a76b9719d911017c592";

    private static RecordedRequest request(String boundary, byte[] body, MatchRules rules) {
        IncomingRequest in = new IncomingRequest("POST", "/", "/v1/audio/transcriptions", "", List.of(
                new AbstractMap.SimpleImmutableEntry<>("content-type", "multipart/form-data; boundary=" + boundary),
                new AbstractMap.SimpleImmutableEntry<>("authorization", "Bearer sk-test")), body);
        return Redaction.record(in, rules);
    }

    private static RecordedRequest request(String boundary, byte[] body) {
        return request(boundary, body, MatchRules.DEFAULT);
    }

    private static RecordedRequest upload(String boundary) {
        return request(boundary, httpxTranscription(boundary, resource("speech.mp3")));
    }

    private static String key(RecordedRequest request) {
        return RequestKey.of(request, MatchRules.DEFAULT);
    }

    private static byte[] form(String boundary, String... partsAsNameThenValue) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < partsAsNameThenValue.length; i += 2) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(partsAsNameThenValue[i]).append("\"\r\n\r\n").append(partsAsNameThenValue[i + 1]).append("\r\n");
        }
        return utf8(body.append("--").append(boundary).append("--\r\n").toString());
    }

    private static Interaction interaction(RecordedRequest request) {
        return new Interaction(key(request), 0, Instant.parse("2026-11-24T10:15:02Z"), 812, request,
                new RecordedResponse(200, new TreeMap<>(java.util.Map.of("content-type", "application/json")),
                        Body.of(utf8("{\"text\": \"Hello there.\"}"), "application/json")));
    }

    @Test
    void twoUploadsOfTheSameFileWithDifferentBoundariesHaveOneKey() {
        assertThat(upload(FIRST).body()).isInstanceOf(Body.MultipartBody.class);
        assertThat(key(upload(FIRST))).isEqualTo(key(upload(SECOND)));
    }

    @Test
    void everyPartFieldAndTheOrderOfPartsCount() {
        byte[] audio = resource("speech.mp3");
        String base = key(upload(FIRST));
        byte[] otherAudio = audio.clone();
        otherAudio[700] ^= 1;
        assertThat(key(request(FIRST, httpxTranscription(FIRST, otherAudio)))).as("file bytes").isNotEqualTo(base);
        String renamed = new String(httpxTranscription(FIRST, audio), StandardCharsets.ISO_8859_1)
                .replace("filename=\"speech.mp3\"", "filename=\"speech2.mp3\"");
        assertThat(key(request(FIRST, renamed.getBytes(StandardCharsets.ISO_8859_1)))).as("file name").isNotEqualTo(base);
        String retyped = new String(httpxTranscription(FIRST, audio), StandardCharsets.ISO_8859_1)
                .replace("audio/mpeg", "audio/mp3");
        assertThat(key(request(FIRST, retyped.getBytes(StandardCharsets.ISO_8859_1)))).as("content type").isNotEqualTo(base);

        assertThat(key(request("b", form("b", "model", "whisper-1", "language", "en"))))
                .as("order").isNotEqualTo(key(request("b", form("b", "language", "en", "model", "whisper-1"))));
        assertThat(key(request("b", form("b", "a", "bc")))).as("framing")
                .isNotEqualTo(key(request("b", form("b", "ab", "c"))));
    }

    @Test
    void aJsonPartIsKeyedAsCanonicalJsonUnderTheIgnoreRules() {
        MatchRules rules = MatchRules.of(List.of("/request_id"), List.of(), List.of());
        String a = RequestKey.of(request("b", form("b", "meta", "{\"detail\": \"high\", \"n\": 1.0, \"request_id\": \"r1\"}"), rules), rules);
        String b = RequestKey.of(request("c", form("c", "meta", "{\"n\":1,\"request_id\":\"r2\",\"detail\":\"high\"}"), rules), rules);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aMalformedUploadIsKeyedByItsRawBytes() {
        byte[] truncated = java.util.Arrays.copyOf(httpxTranscription(FIRST, resource("speech.mp3")), 900);
        RecordedRequest request = request(FIRST, truncated);

        assertThat(request.body()).isInstanceOf(Body.BinaryBody.class);
        assertThat(request.contentType()).isEqualTo("multipart/form-data; boundary=" + FIRST);
        assertThat(request(SECOND, truncated).body().bytes()).isEqualTo(truncated);
        assertThat(key(request)).isEqualTo(key(request(FIRST, truncated)));
        assertThat(key(request(FIRST, form(FIRST, "model", "whisper-1")))).isNotEqualTo(
                key(request(FIRST, utf8(new String(form(FIRST, "model", "whisper-1"), StandardCharsets.UTF_8).replace("--\r\n", "")))));
    }

    @Test
    void storedAsReadablePartsWithoutTheBoundaryAndIdenticalBytesForEitherUpload() {
        byte[] first = CassetteCodec.write(new Cassette(CassetteName.of("audio"), List.of(interaction(upload(FIRST)))));
        byte[] second = CassetteCodec.write(new Cassette(CassetteName.of("audio"), List.of(interaction(upload(SECOND)))));
        assertThat(first).isEqualTo(second);

        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(FIRST).doesNotContain("\"body_base64\": \"LS0t")
                .contains("\"content-type\": \"multipart/form-data\"")
                .contains("        \"multipart\": [\n"
                        + "          {\n"
                        + "            \"name\": \"model\",\n"
                        + "            \"body_text\": \"whisper-1\"\n"
                        + "          },\n");
        JsonNode file = Json.parse(first).orElseThrow().at("/interactions/0/request/multipart/2");
        assertThat(file.fieldNames()).toIterable().containsExactly("name", "filename", "content_type", "body_base64");
        assertThat(file.path("filename").asText()).isEqualTo("speech.mp3");
        assertThat(java.util.Base64.getDecoder().decode(file.path("body_base64").asText())).isEqualTo(resource("speech.mp3"));
    }

    @Test
    void readingTheCassetteBackGivesTheSameRequestAndKey() {
        Interaction recorded = interaction(upload(FIRST));
        Cassette reread = CassetteCodec.read(CassetteCodec.write(new Cassette(CassetteName.of("audio"), List.of(recorded))), "audio.json");
        RecordedRequest stored = reread.interactions().get(0).request();

        assertThat(stored.body()).isEqualTo(recorded.request().body());
        assertThat(key(stored)).isEqualTo(recorded.key()).isEqualTo(key(upload(SECOND)));
        assertThat(CassetteCodec.write(reread)).isEqualTo(CassetteCodec.write(new Cassette(CassetteName.of("audio"), List.of(recorded))));
    }

    @Test
    void aMissNamesThePartAndTheStoredFieldThatDiffer() {
        RecordedRequest recorded = request("b", form("b", "model", "whisper-1", "prompt", "Hello", "meta", "{\"detail\": \"high\"}"));
        RecordedRequest actual = request("c", form("c", "model", "whisper-1", "prompt", "Goodbye", "meta", "{\"detail\": \"low\"}",
                "language", "en"));

        List<Difference> differences = RequestDiff.differences(recorded, actual, MatchRules.DEFAULT);

        assertThat(differences).extracting(d -> d.field() + " " + d.pointer())
                .containsExactly("multipart /1/body_text", "multipart /2/body/detail", "multipart /3");
        assertThat(differences.get(0).recorded().asText()).isEqualTo("Hello");
        assertThat(differences.get(0).actual().asText()).isEqualTo("Goodbye");
        assertThat(differences.get(2).recorded()).isNull();
        assertThat(differences.get(2).actual().path("name").asText()).isEqualTo("language");
    }

    @Test
    void aDifferentFileIsNamedBySizeAndDigest() {
        byte[] audio = resource("speech.mp3");
        byte[] other = audio.clone();
        other[700] ^= 1;
        List<Difference> differences = RequestDiff.differences(upload(FIRST),
                request(SECOND, httpxTranscription(SECOND, other)), MatchRules.DEFAULT);

        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).pointer()).isEqualTo("/2/body_base64");
        assertThat(differences.get(0).recorded().asText()).startsWith("<" + audio.length + " bytes, sha256 ")
                .isNotEqualTo(differences.get(0).actual().asText());
    }

    @Test
    void jsonPartsHonourRedaction() {
        MatchRules rules = MatchRules.of(List.of(), List.of(), List.of(), List.of(), List.of("/user/email"));
        RecordedRequest request = request("b", form("b", "meta", "{\"user\": {\"email\": \"ada@example.com\"}}"), rules);
        String text = new String(CassetteCodec.write(new Cassette(CassetteName.of("x"), List.of(interaction(request)))),
                StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("ada@example.com").contains("<redacted>");
    }
}
