package dev.vcrproxy.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoProxyTest {

    @Test
    void aNameMatchesItselfAndEverythingUnderIt() {
        NoProxy noProxy = NoProxy.parse("example.com");

        assertThat(noProxy.bypasses("example.com", 443)).isTrue();
        assertThat(noProxy.bypasses("API.Example.com", 443)).isTrue();
        assertThat(noProxy.bypasses("notexample.com", 443)).isFalse();
        assertThat(noProxy.bypasses("example.com.evil.io", 443)).isFalse();
    }

    @Test
    void aLeadingDotIsTheSameSuffix() {
        NoProxy noProxy = NoProxy.parse(" .modal.run , internal ");

        assertThat(noProxy.bypasses("org--generate.modal.run", 443)).isTrue();
        assertThat(noProxy.bypasses("modal.run", 443)).isTrue();
        assertThat(noProxy.bypasses("internal", 80)).isTrue();
        assertThat(noProxy.bypasses("api.openai.com", 443)).isFalse();
    }

    @Test
    void starMatchesEverything() {
        assertThat(NoProxy.parse("*").bypasses("api.openai.com", 443)).isTrue();
    }

    @Test
    void hostPortMatchesThatPortOnly() {
        NoProxy noProxy = NoProxy.parse("llm.corp:8443,[fd00::1]:443");

        assertThat(noProxy.bypasses("llm.corp", 8443)).isTrue();
        assertThat(noProxy.bypasses("llm.corp", 443)).isFalse();
        assertThat(noProxy.bypasses("[fd00::1]", 443)).isTrue();
        assertThat(noProxy.bypasses("fd00::1", 80)).isFalse();
    }

    @Test
    void ipAddressesMatchLiterally() {
        NoProxy noProxy = NoProxy.parse("10.1.2.3,fd00::2");

        assertThat(noProxy.bypasses("10.1.2.3", 80)).isTrue();
        assertThat(noProxy.bypasses("10.1.2.30", 80)).isFalse();
        assertThat(noProxy.bypasses("[fd00::2]", 443)).isTrue();
    }

    @Test
    void emptyOrUnsetBypassesNothing() {
        assertThat(NoProxy.parse(null).bypasses("example.com", 443)).isFalse();
        assertThat(NoProxy.parse(" , ").bypasses("example.com", 443)).isFalse();
    }
}
