package dev.vcrproxy.forward;

import dev.vcrproxy.upstream.ResolveRules;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Origins, proxy user names and --resolve rules. */
class ForwardPartsTest {
    @Test
    void anOriginShowsItsPortOnlyWhenNotTheDefault() {
        assertThat(Origin.ofConnect("api.openai.com:443")).hasToString("https://api.openai.com");
        assertThat(Origin.ofConnect("API.openai.com:8443")).hasToString("https://api.openai.com:8443");
        assertThat(Origin.ofConnect("[::1]:443")).hasToString("https://[::1]");
        assertThat(Origin.ofUrl(URI.create("http://example.test/v1?x=1"))).hasToString("http://example.test");
        assertThat(Origin.ofUrl(URI.create("http://example.test:8080/"))).hasToString("http://example.test:8080");
        assertThat(Origin.ofUrl(URI.create("ftp://example.test/"))).isNull();
        assertThatThrownBy(() -> Origin.ofConnect("api.openai.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProxyUserNameIsPercentDecodedAndThePasswordIgnored() {
        assertThat(ProxyUser.of(basic("suite%2Ftest_one:"))).isEqualTo("suite/test_one");
        assertThat(ProxyUser.of(basic("suite/test_one:x"))).isEqualTo("suite/test_one");
        assertThat(ProxyUser.of(basic("plain"))).isEqualTo("plain");
        assertThat(ProxyUser.of(basic(":only-password"))).isNull();
        assertThat(ProxyUser.of("Bearer abc")).isNull();
        assertThat(ProxyUser.of("Basic !!!")).isNull();
        assertThat(ProxyUser.of(null)).isNull();
    }

    @Test
    void resolveSendsOneHostAndPortElsewhere() {
        ResolveRules rules = ResolveRules.parse(List.of("api.openai.com:443=127.0.0.1:8443,[::1]:80=127.0.0.2:81"));
        assertThat(rules.addressOf("API.openai.com", 443)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 8443));
        assertThat(rules.addressOf("api.openai.com", 80)).isEqualTo(InetSocketAddress.createUnresolved("api.openai.com", 80));
        assertThat(rules.addressOf("::1", 80)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.2", 81));
        for (String bad : List.of("api.openai.com=127.0.0.1:1", "a:443=b", "a:0=b:1", "a:443")) {
            assertThatThrownBy(() -> ResolveRules.parse(List.of(bad))).as(bad).hasMessageContaining("HOST:PORT=ADDR:PORT");
        }
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }
}
