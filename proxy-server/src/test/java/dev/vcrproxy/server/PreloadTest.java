package dev.vcrproxy.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

class PreloadTest {
    /** The warm-up swallows its failures at startup, so here is where one would show. */
    @Test
    void warmUpKeysAMadeUpRequest() {
        assertThatCode(Preload::warmUp).doesNotThrowAnyException();
    }
}
