package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing form data as real clients send it; anything malformed is left to raw-bytes keying. */
class MultipartTest {
    static final String CURL_TYPE = "multipart/form-data; boundary=------------------------508e02a028e77e4d";
    static final String REQUESTS_TYPE = "multipart/form-data; boundary=c2fdba5b322da738fe3399b4032cf4f1";

    static byte[] resource(String name) {
        try (InputStream in = MultipartTest.class.getResourceAsStream("/multipart/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<MultipartPart> parse(String contentType, String body) {
        return Multipart.parse(utf8(body), contentType).orElseThrow();
    }

    /** What httpx (and so the openai and anthropic Python SDKs) sends: form fields first, then files (as captured). */
    static byte[] httpxTranscription(String boundary, byte[] audio) {
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"response_format\"\r\n\r\njson\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"speech.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n";
        byte[] tail = utf8("\r\n--" + boundary + "--\r\n");
        byte[] out = Arrays.copyOf(utf8(head), head.length() + audio.length + tail.length);
        System.arraycopy(audio, 0, out, head.length(), audio.length);
        System.arraycopy(tail, 0, out, head.length() + audio.length, tail.length);
        return out;
    }

    @Test
    void curlUploadKeepsEveryPartInOrderWithItsBodyClassified() {
        List<MultipartPart> parts = Multipart.parse(resource("curl-transcription.body"), CURL_TYPE).orElseThrow();

        assertThat(parts).extracting(MultipartPart::name).containsExactly("file", "model", "temperature", "meta", "prompt");
        MultipartPart file = parts.get(0);
        assertThat(file.filename()).isEqualTo("speech.mp3");
        assertThat(file.contentType()).isEqualTo("application/octet-stream");
        assertThat(file.body()).isEqualTo(new Body.BinaryBody(resource("speech.mp3")));
        assertThat(parts.get(1)).isEqualTo(new MultipartPart("model", null, null, new Body.TextBody("whisper-1")));
        assertThat(parts.get(2).body()).isInstanceOf(Body.JsonBody.class);
        assertThat(parts.get(3).filename()).isEqualTo("meta.json");
        assertThat(((Body.JsonBody) parts.get(3).body()).value().path("detail").asText()).isEqualTo("high");
        assertThat(parts.get(4).body()).isEqualTo(new Body.TextBody("naïve \"café\" notes"));
    }

    @Test
    void pythonRequestsUploadHasAFilePartWithoutContentType() {
        List<MultipartPart> parts = Multipart.parse(resource("requests-transcription.body"), REQUESTS_TYPE).orElseThrow();

        assertThat(parts).extracting(MultipartPart::name).containsExactly("model", "language", "file");
        assertThat(parts.get(1).body()).isEqualTo(new Body.TextBody("en"));
        assertThat(parts.get(2).filename()).isEqualTo("speech.mp3");
        assertThat(parts.get(2).contentType()).isNull();
        assertThat(parts.get(2).body().bytes()).isEqualTo(resource("speech.mp3"));
    }

    @Test
    void utf8FileNamesAndTheLineEndsInsideATextPartAreKept() {
        List<MultipartPart> parts = Multipart.parse(resource("requests-utf8-filename.body"),
                "multipart/form-data; boundary=521da002b97b0f28612f067bb08d3b60").orElseThrow();

        assertThat(parts.get(1).filename()).isEqualTo("résumé.txt");
        assertThat(parts.get(1).contentType()).isEqualTo("text/plain");
        assertThat(parts.get(1).body()).isEqualTo(new Body.TextBody("line one\r\nline two\n"));
    }

    @Test
    void openAiPythonTranscriptionHasItsFormFieldsFirstAndATypedFile() {
        List<MultipartPart> parts = Multipart.parse(resource("openai-python-transcription.body"),
                "multipart/form-data; boundary=1c6177138845961527e34974136fc1c3").orElseThrow();

        assertThat(parts).extracting(MultipartPart::name).containsExactly("model", "language", "temperature", "file");
        assertThat(parts.get(1).body()).isEqualTo(new Body.TextBody("en"));
        assertThat(parts.get(3)).isEqualTo(new MultipartPart("file", "speech.mp3", "audio/mpeg",
                new Body.BinaryBody(resource("speech.mp3"))));
    }

    @Test
    void httpxUploadParsesToTheSamePartsWhateverTheBoundary() {
        byte[] audio = resource("speech.mp3");
        List<MultipartPart> first = Multipart.parse(httpxTranscription("0f9c2b8e1d7a46b3a5c4e2f1d0b9a8c7", audio),
                "multipart/form-data; boundary=0f9c2b8e1d7a46b3a5c4e2f1d0b9a8c7").orElseThrow();
        List<MultipartPart> second = Multipart.parse(httpxTranscription("5d41402abc4b2a76b9719d911017c592", audio),
                "multipart/form-data; boundary=5d41402abc4b2a76b9719d911017c592").orElseThrow();

        assertThat(first).extracting(MultipartPart::name).containsExactly("model", "response_format", "file");
        assertThat(first.get(2).contentType()).isEqualTo("audio/mpeg");
        assertThat(first).isEqualTo(second);
    }

    @Test
    void extendedFileNamesWinAndQuotedNamesAreUnescaped() {
        List<MultipartPart> parts = parse("multipart/form-data; boundary=\"b 1\"", "--b 1\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"resume.txt\"; filename*=utf-8''r%C3%A9sum%C3%A9.txt\r\n"
                + "content-type: text/plain; charset=utf-8\r\n\r\n"
                + "hello\r\n"
                + "--b 1\r\n"
                + "content-disposition: form-data; name=\"a \\\"quoted\\\" name\"\r\n\r\n"
                + "x\r\n"
                + "--b 1--\r\n");

        assertThat(parts.get(0).filename()).isEqualTo("résumé.txt");
        assertThat(parts.get(0).contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(parts.get(1).name()).isEqualTo("a \"quoted\" name");
    }

    @Test
    void preambleEpilogueEmptyPartsAndBareLineFeedsAreAccepted() {
        List<MultipartPart> parts = parse("multipart/form-data; boundary=xyz", "preamble to ignore\n"
                + "--xyz\n"
                + "Content-Disposition: form-data; name=\"empty\"\n\n"
                + "\n"
                + "--xyz  \n"
                + "Content-Disposition: form-data; name=\"note\"\n\n"
                + "two\nlines\n"
                + "--xyz--\n"
                + "epilogue");

        assertThat(parts).containsExactly(new MultipartPart("empty", null, null, Body.EMPTY),
                new MultipartPart("note", null, null, new Body.TextBody("two\nlines")));
    }

    @Test
    void aBoundaryInsideContentOnlyCountsAtTheStartOfALine() {
        List<MultipartPart> parts = parse("multipart/form-data; boundary=b", "--b\r\n"
                + "Content-Disposition: form-data; name=\"t\"\r\n\r\n"
                + "see --b here and\r\n--bb there\r\n"
                + "--b--\r\n");

        assertThat(parts.get(0).body()).isEqualTo(new Body.TextBody("see --b here and\r\n--bb there"));
    }

    @Test
    void malformedBodiesAreNotFormData() {
        String whole = "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b--\r\n";
        assertThat(Multipart.parse(utf8(whole), "multipart/form-data; boundary=b")).isPresent();

        assertThat(Multipart.parse(utf8(whole), "multipart/form-data")).as("no boundary").isEmpty();
        assertThat(Multipart.parse(utf8(whole), "multipart/form-data; boundary=other")).as("wrong boundary").isEmpty();
        assertThat(Multipart.parse(utf8(whole), "application/octet-stream")).as("not form data").isEmpty();
        assertThat(Multipart.parse(utf8(whole), "multipart/mixed; boundary=b")).as("not form data").isEmpty();
        for (int cut = 1; cut < whole.length() - 2; cut++) {
            assertThat(Multipart.parse(utf8(whole.substring(0, cut)), "multipart/form-data; boundary=b"))
                    .as("truncated after %d bytes", cut).isEmpty();
        }
        assertThat(Multipart.parse(utf8("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n"), "multipart/form-data; boundary=b"))
                .as("no field name").isEmpty();
        assertThat(Multipart.parse(utf8("--b\r\nContent-Disposition: form-data; name=\"x\"\r\nno blank line\r\n--b--"),
                "multipart/form-data; boundary=b")).as("headers never end").isEmpty();
        assertThat(Multipart.parse(new byte[0], "multipart/form-data; boundary=b")).as("empty").isEmpty();
    }

    @Test
    void noMangledUploadOrContentTypeMakesParsingOrKeyingThrow() {
        byte[] upload = resource("curl-transcription.body");
        String[] types = {CURL_TYPE, "multipart/form-data; boundary=", "multipart/form-data; boundary=\"",
                "multipart/form-data; boundary=\"------------------------508e02a028e77e4d", "multipart/form-data;;boundary",
                "Multipart/Form-Data ; BOUNDARY=------------------------508e02a028e77e4d ; x*=utf-8'", "multipart/form-data; a*=%; b*=x'y'%zz"};
        String structural = "\r\n-;=\"*'%: ";
        java.util.Random random = new java.util.Random(20261202);
        for (int round = 0; round < 3000; round++) {
            byte[] mangled = Arrays.copyOf(upload, 1 + random.nextInt(upload.length));
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                mangled[random.nextInt(mangled.length)] = (byte) structural.charAt(random.nextInt(structural.length()));
            }
            String type = types[random.nextInt(types.length)];
            IncomingRequest in = new IncomingRequest("POST", "/", "/v1/audio/transcriptions", "",
                    List.of(new java.util.AbstractMap.SimpleImmutableEntry<>("content-type", type)), mangled);
            RecordedRequest recorded = Redaction.record(in, MatchRules.DEFAULT);
            assertThat(RequestKey.of(recorded, MatchRules.DEFAULT)).hasSize(64);
        }
        for (int round = 0; round < 3000; round++) {
            StringBuilder header = new StringBuilder("form-data");
            for (int n = random.nextInt(40); n > 0; n--) {
                header.append(random.nextBoolean() ? structural.charAt(random.nextInt(structural.length())) : 'a');
            }
            assertThat(HeaderParameters.of(header.toString())).isNotNull();
        }
    }

    @Test
    void encodedPartsParseBackToThemselves() {
        List<MultipartPart> parts = Multipart.parse(resource("curl-transcription.body"), CURL_TYPE).orElseThrow();
        byte[] encoded = new Body.MultipartBody(parts).bytes();

        assertThat(Multipart.parse(encoded, "multipart/form-data; boundary=" + Multipart.STORED_BOUNDARY)).hasValue(parts);
    }

    @Test
    void theStoredContentTypeLosesOnlyItsBoundary() {
        assertThat(Multipart.withoutBoundary(CURL_TYPE)).isEqualTo("multipart/form-data");
        assertThat(Multipart.withoutBoundary("multipart/form-data; charset=utf-8; boundary=\"a b\""))
                .isEqualTo("multipart/form-data; charset=utf-8");
    }
}
