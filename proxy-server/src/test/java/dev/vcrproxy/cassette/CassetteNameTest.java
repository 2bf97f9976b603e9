package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CassetteNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "test_parser", "suite/test-1.v2", "a", "A.B_C-d/e"})
    void acceptsValidNames(String name) {
        assertThat(CassetteName.of(name).fileIn(Path.of("/fx"))).isEqualTo(Path.of("/fx/" + name + ".json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/", "sp ace",
            "semi;colon", "back\\slash", "new\nline", "%2e%2e", "ünïcode", "a/./b"})
    void rejectsEverythingElse(String name) {
        assertThatThrownBy(() -> CassetteName.of(name)).isInstanceOf(InvalidCassetteNameException.class)
                .hasMessageContaining("invalid cassette name");
    }

    @Test
    void rejectsOverlongNames() {
        assertThat(CassetteName.problemWith("a".repeat(200))).isNull();
        assertThatThrownBy(() -> CassetteName.of("a".repeat(201))).hasMessageContaining("longer than 200");
    }
}
