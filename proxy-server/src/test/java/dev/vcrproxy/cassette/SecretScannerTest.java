package dev.vcrproxy.cassette;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretScannerTest {

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
}
