package dev.vcrproxy.cassette;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SecretScannerTest {
    private static final String KEY = "sk-proj-Abc123def456GHI789jkl012MNO345pqr";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "OpenAI API key|sk-proj-Abc123def456GHI789jkl012MNO345pqr",
            "OpenAI API key|sk-Abc123def456GHI789jkl012MNO345pqr678",
            "Anthropic API key|sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
            "Google API key|AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
            "GitHub token|ghp_0123456789abcdefABCDEF0123456789abcd",
            "AWS access key id|AKIAIOSFODNN7EXAMPLE",
            "Slack token|xoxb-1234567890-abcdefghij",
            "private key|-----BEGIN RSA PRIVATE KEY-----",
            "bearer token|Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"})
    void findsSecretShapedStringsInResponses(String kind, String secret) {
        Interaction interaction = Fixtures.interaction("{\"prompt\": \"hi\"}", "{\"echo\": {\"note\": \"" + secret + "\"}}");
        assertThat(SecretScanner.scan(interaction)).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.pointer()).isEqualTo("/response/body/echo/note");
        });
    }

    @Test
    void ordinaryContentPasses() {
        Interaction interaction = Fixtures.interaction("{\"prompt\": \"Ask about the skiing task and the risk-based plan\"}",
                "{\"ir_json\": {\"intent\": \"summarize\"}, \"tokens_used\": 812}");
        assertThat(SecretScanner.scan(interaction)).isEmpty();
    }

    @Test
    void aKeyInAnOctetStreamRequestBodyIsFoundInItsBytesNotItsBase64() {
        byte[] body = withNoise(("token " + KEY).getBytes(StandardCharsets.US_ASCII));
        assertThat(SecretScanner.scan(binaryRequest(body, "application/octet-stream")))
                .hasValue(new SecretScanner.Finding("OpenAI API key", "/request/body_base64"));
    }

    @Test
    void aGzipRequestBodyIsScannedInflated() {
        byte[] json = ("{\"api_key\": \"" + KEY + "\", \"prompt\": \"hi\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(SecretScanner.scan(binaryRequest(gzip(json), "application/json")))
                .hasValue(new SecretScanner.Finding("OpenAI API key", "/request/body_base64 (gzip-decoded)"));
    }

    @Test
    void zlibRawDeflateAndGzipInsideGzipAreScannedInflated() {
        byte[] text = ("x".repeat(100_000) + KEY).getBytes(StandardCharsets.US_ASCII);
        assertThat(SecretScanner.scan(binaryRequest(deflate(text, false), null))).hasValueSatisfying(f ->
                assertThat(f.pointer()).isEqualTo("/request/body_base64 (deflate-decoded)"));
        assertThat(SecretScanner.scan(binaryRequest(deflate(text, true), null))).hasValueSatisfying(f ->
                assertThat(f.pointer()).isEqualTo("/request/body_base64 (deflate-decoded)"));
        assertThat(SecretScanner.scan(binaryRequest(gzip(gzip(text)), null))).hasValueSatisfying(f ->
                assertThat(f.pointer()).isEqualTo("/request/body_base64 (gzip-decoded) (gzip-decoded)"));
    }

    @Test
    void aKeySplitAcrossScanChunksIsFound() {
        for (int offset = 65_536 - 30; offset < 65_536 + 2; offset += 7) {
            byte[] bytes = new byte[200_000];
            new Random(offset).nextBytes(bytes);
            byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
            bytes[offset - 1] = ' ';
            System.arraycopy(key, 0, bytes, offset, key.length);
            bytes[offset + key.length] = ' ';
            assertThat(SecretScanner.scan(binaryRequest(bytes, "application/octet-stream"))).as("key at %d", offset).isPresent();
        }
    }

    @Test
    void binaryAndCompressedBodiesWithoutSecretsPass() {
        byte[] random = new byte[300_000];
        new Random(7).nextBytes(random);
        assertThat(SecretScanner.scan(binaryRequest(random, "application/octet-stream"))).isEmpty();
        assertThat(SecretScanner.scan(binaryRequest(gzip("{\"prompt\": \"hi\"}".getBytes(StandardCharsets.UTF_8)), null))).isEmpty();
    }

    @Test
    void aBinaryResponseBodyAndAnInlineDataUrlAreScannedAsBytes() {
        Interaction binaryAnswer = new Interaction(Fixtures.interaction("{}", "{}").key(), 0, Instant.EPOCH, 1,
                Fixtures.request("{}"), new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "application/zip")),
                new Body.BinaryBody(gzip(KEY.getBytes(StandardCharsets.US_ASCII)))));
        assertThat(SecretScanner.scan(binaryAnswer)).hasValueSatisfying(f ->
                assertThat(f.pointer()).isEqualTo("/response/body_base64 (gzip-decoded)"));
        String dataUrl = "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(withNoise(KEY.getBytes()));
        assertThat(SecretScanner.scan(Fixtures.interaction("{\"image\": \"" + dataUrl + "\"}", "{}")))
                .hasValue(new SecretScanner.Finding("OpenAI API key", "/request/body/image"));
    }

    @Test
    void base64TextInAJsonFieldOrATextBodyIsScannedAsBytes() {
        String gzipped = Base64.getEncoder().encodeToString(gzip(("config: " + KEY).getBytes(StandardCharsets.US_ASCII)));
        assertThat(SecretScanner.scan(Fixtures.interaction("{\"file\": \"" + gzipped + "\"}", "{}")))
                .hasValue(new SecretScanner.Finding("OpenAI API key", "/request/body/file (base64-decoded) (gzip-decoded)"));
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(withNoise(KEY.getBytes(StandardCharsets.US_ASCII)));
        Interaction text = Fixtures.interaction("{}", "{}");
        Interaction withTextBody = new Interaction(text.key(), 0, Instant.EPOCH, 1, text.request(),
                new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "text/plain")), new Body.TextBody(urlSafe)));
        assertThat(SecretScanner.scan(withTextBody)).hasValue(new SecretScanner.Finding("OpenAI API key", "/response/body_text (base64-decoded)"));
        assertThat(SecretScanner.scan(Fixtures.interaction("{\"hash\": \"" + "0123456789abcdef".repeat(4) + "\"}", "{}"))).isEmpty();
    }

    @Test
    void aKeyInStreamEventDataIsFound() {
        Interaction streamed = new Interaction(Fixtures.interaction("{}", "{}").key(), 0, Instant.EPOCH, 1,
                Fixtures.request("{}"), RecordedResponse.stream(200, new TreeMap<>(Map.of("content-type", "text/event-stream")),
                List.of(new StreamEvent(1, "{\"delta\": \"hi\"}", null, null, null),
                        new StreamEvent(2, "{\"delta\": \"" + KEY + "\"}", null, null, null))));
        assertThat(SecretScanner.scan(streamed)).hasValue(new SecretScanner.Finding("OpenAI API key", "/response/events/1/data"));
    }

    @Test
    void binaryBodiesAreScannedWhereverTheySitAsMultipartPartsDo() throws Exception {
        String part = Base64.getEncoder().encodeToString(withNoise(KEY.getBytes(StandardCharsets.US_ASCII)));
        var request = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"request\": {\"multipart\": ["
                + "{\"name\": \"meta\", \"body\": {\"a\": 1}}, {\"name\": \"file\", \"body_base64\": \"" + part + "\"}]}}");
        assertThat(SecretScanner.scan(request, "")).hasValue(new SecretScanner.Finding("OpenAI API key", "/request/multipart/1/body_base64"));
    }

    private static Interaction binaryRequest(byte[] body, String contentType) {
        var headers = contentType == null ? List.<Map.Entry<String, String>>of()
                : List.<Map.Entry<String, String>>of(new AbstractMap.SimpleImmutableEntry<>("content-type", contentType));
        RecordedRequest request = Redaction.record(new IncomingRequest("POST", "/", "/upload", "", headers, body), MatchRules.DEFAULT);
        assertThat(request.body()).isInstanceOf(Body.BinaryBody.class);
        RecordedResponse response = new RecordedResponse(200, new TreeMap<>(), Body.EMPTY);
        return new Interaction(RequestKey.of(request, MatchRules.DEFAULT), 0, Instant.EPOCH, 1, request, response);
    }

    /** Bytes that are not UTF-8 around {@code middle}, so the body is stored as base64. */
    private static byte[] withNoise(byte[] middle) {
        byte[] out = new byte[middle.length + 8];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xfe;
        out[2] = ' ';
        System.arraycopy(middle, 0, out, 3, middle.length);
        out[middle.length + 3] = ' ';
        out[middle.length + 4] = (byte) 0xc3;
        return out;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
