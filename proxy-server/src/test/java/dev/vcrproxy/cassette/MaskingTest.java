package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sk-proj-Abc123def456GHI789jkl012MNO345pqr|sk-proj-Abc1…<redacted>",
            "sk-Abc123def456GHI789jkl012MNO345pqr678|sk-Abc1…<redacted>",
            "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789|sk-ant-api03-AbCd…<redacted>",
            "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q|AIzaSyA1…<redacted>",
            "ghp_0123456789abcdefABCDEF0123456789abcd|ghp_0123…<redacted>",
            "AKIAIOSFODNN7EXAMPLE|AKIAIOSF…<redacted>",
            "xoxb-1234567890-abcdefghij|xoxb-1234…<redacted>",
            "Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig|Bearer eyJh…<redacted>"})
    void everyKindKeepsItsPrefixAndFourCharacters(String secret, String masked) {
        assertThat(Masking.text("before " + secret + " after")).isEqualTo("before " + masked + " after");
        assertThat(SecretScanner.firstMatch(masked)).isEmpty();
    }

    @Test
    void maskingIsIdempotentAndLeavesOrdinaryTextAlone() {
        String text = "no recording in cassette 'default' for POST /generate (key 23070febb4f9…) recorded key=0d217de363e4 seq=0";
        assertThat(Masking.text(text)).isSameAs(text);
        String once = Masking.text("GET /v1/files/sk-proj-Abc123def456GHI789jkl012MNO345pqr/content");
        assertThat(once).isEqualTo("GET /v1/files/sk-proj-Abc1…<redacted>/content");
        assertThat(Masking.text(once)).isEqualTo(once);
    }

    @Test
    void privateKeyBlocksAreMaskedWhole() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nabc+/=\n-----END RSA PRIVATE KEY-----";
        assertThat(Masking.text("key: " + pem + " done")).isEqualTo("key: -----BEGIN RSA PRIVATE KEY-----…<redacted> done");
        // cut short, or JSON-escaped in a log line: the base64 lines still go
        assertThat(Masking.text("{\"k\":\"-----BEGIN PRIVATE KEY-----\\nMIIEpAIB\\nAAKC\"}"))
                .isEqualTo("{\"k\":\"-----BEGIN PRIVATE KEY-----…<redacted>\"}");
    }

    @Test
    void credentialQueryValuesInUrlsAreMaskedWhateverTheirCase() {
        assertThat(Masking.text("upstream https://g.example/v1/models?alt=sse&key=abc123&X-Amz-Signature=f00d&Sig=1 failed"))
                .isEqualTo("upstream https://g.example/v1/models?alt=sse&key=<redacted>&X-Amz-Signature=<redacted>&Sig=<redacted> failed");
        assertThat(Masking.text("/s3?api-key=a&apikey=b&signature=c&access_token=d&token=e&api_key=f&monkey=g"))
                .isEqualTo("/s3?api-key=<redacted>&apikey=<redacted>&signature=<redacted>&access_token=<redacted>"
                        + "&token=<redacted>&api_key=<redacted>&monkey=g");
    }

    @Test
    void passwordsInUrlsAreMasked() {
        assertThat(Masking.text("via http://alice:pa55word@proxy.corp:3128 to https://api.example/v1"))
                .isEqualTo("via http://alice:<redacted>@proxy.corp:3128 to https://api.example/v1");
        String already = "upstream proxy 'http://alice:***@proxy.corp:3128' refused";
        assertThat(Masking.text(already)).isSameAs(already);
        String mail = "written by alice@example.com at 10:15";
        assertThat(Masking.text(mail)).isSameAs(mail);
    }

    @Test
    void jsonStringsAndFieldNamesAreMaskedInACopy() throws Exception {
        JsonNode original = MAPPER.readTree("{\"a\": 1, \"sk-proj-Abc123def456GHI789jkl012MNO345pqr\": [\"x\","
                + " {\"actual\": \"use sk-proj-Zyx987def456GHI789jkl012MNO345pqr\"}], \"z\": true}");
        String before = original.toString();
        JsonNode masked = Masking.json(original);
        assertThat(masked.toString()).isEqualTo("{\"a\":1,\"sk-proj-Abc1…<redacted>\":[\"x\","
                + "{\"actual\":\"use sk-proj-Zyx9…<redacted>\"}],\"z\":true}");
        assertThat(original.toString()).isEqualTo(before);
        JsonNode clean = MAPPER.readTree("{\"prompt\": \"hi\", \"n\": [1, 2]}");
        assertThat(Masking.json(clean)).isSameAs(clean);
    }
}
