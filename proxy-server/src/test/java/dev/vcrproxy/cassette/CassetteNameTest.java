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

    @ParameterizedTest
    @ValueSource(strings = {"CON", "nul", "Aux", "prn", "COM1", "com9", "lpt1", "LPT0", "aux.txt", "nul.tar.gz",
            "suite/con", "CON/test", "a/Com3.v2/b"})
    void rejectsWindowsDeviceNamesInAnySegment(String name) {
        assertThatThrownBy(() -> CassetteName.of(name)).isInstanceOf(InvalidCassetteNameException.class)
                .hasMessageContaining("reserved device name on Windows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console", "nullable", "auxiliary", "com10", "lpt", "com", "my-con", "a.con", "suite/null"})
    void acceptsNamesThatOnlyLookLikeDeviceNames(String name) {
        assertThat(CassetteName.problemWith(name)).isNull();
    }

    @Test
    void rejectsOverlongNames() {
        assertThat(CassetteName.problemWith("a".repeat(200))).isNull();
        assertThatThrownBy(() -> CassetteName.of("a".repeat(201))).hasMessageContaining("longer than 200");
    }
}
