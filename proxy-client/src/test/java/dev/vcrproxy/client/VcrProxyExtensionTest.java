package dev.vcrproxy.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VcrProxyExtensionTest {

    @Test
    void theWaitForAStartingProxyIsWholeSecondsDefaulting30() {
        assertThat(VcrProxyExtension.waitLimit(Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(VcrProxyExtension.waitLimit(Optional.of(" 5 "))).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> VcrProxyExtension.waitLimit(Optional.of("30s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vcr.proxy.wait must be whole seconds, e.g. 30; got '30s'");
    }
}
