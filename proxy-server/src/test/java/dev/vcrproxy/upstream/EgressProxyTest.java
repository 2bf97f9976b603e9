package dev.vcrproxy.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EgressProxyTest {

    @Test
    void userAndPasswordArePercentDecodedAndPlusStaysPlus() {
        EgressProxy proxy = EgressProxy.parse("http://dom%5Calice:p%40ss+w%3Ard@proxy.corp:3128");

        assertThat(proxy.host()).isEqualTo("proxy.corp");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.user()).isEqualTo("dom\\alice");
        assertThat(proxy.password()).isEqualTo("p@ss+w:rd");
    }

    @Test
    void whatItPrintsNeverHoldsThePassword() {
        EgressProxy proxy = EgressProxy.parse("http://alice:s3cret@proxy.corp:3128");

        assertThat(proxy.address()).isEqualTo("proxy.corp:3128");
        assertThat(proxy.describe()).isEqualTo("http://alice:***@proxy.corp:3128");
        assertThat(proxy.toString()).doesNotContain("s3cret");
    }

    @Test
    void aBareHostPortIsHttpAndPortDefaultsTo80() {
        assertThat(EgressProxy.parse("proxy.corp:8080")).isEqualTo(new EgressProxy("proxy.corp", 8080, null, null));
        assertThat(EgressProxy.parse("http://proxy.corp/")).isEqualTo(new EgressProxy("proxy.corp", 80, null, null));
        assertThat(EgressProxy.parse("http://[::1]:3128").address()).isEqualTo("[::1]:3128");
    }

    @Test
    void aUserWithoutPasswordHasAnEmptyPassword() {
        EgressProxy proxy = EgressProxy.parse("http://alice@proxy.corp:3128");

        assertThat(proxy.password()).isEmpty();
        assertThat(proxy.describe()).isEqualTo("http://alice@proxy.corp:3128");
    }

    @Test
    void badUrlsAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> EgressProxy.parse("https://alice:s3cret@proxy.corp:3128"))
                .hasMessageContaining("must be an http:// URL").hasMessageNotContaining("s3cret")
                .hasMessageContaining("alice:***@proxy.corp:3128");
        assertThatThrownBy(() -> EgressProxy.parse("http://alice:s3@cret@proxy.corp:3128"))
                .hasMessageContaining("percent-encode").hasMessageNotContaining("cret");
        assertThatThrownBy(() -> EgressProxy.parse("http://proxy.corp:3128/path"))
                .hasMessageContaining("must not have a path");
    }
}
