package dev.vcrproxy.upstream;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxySelectionTest {
    private static final URI OPENAI = URI.create("https://api.openai.com/v1");
    private static final URI PLAIN = URI.create("http://llm.corp:8000");

    private static Optional<String> proxyOf(ProxySelection selection, URI upstream) {
        return selection.forUpstream(upstream).map(c -> c.proxy().address() + " " + c.source());
    }

    @Test
    void theSchemeChoosesTheVariable() {
        ProxySelection selection = ProxySelection.from(null,
                Map.of("HTTPS_PROXY", "http://secure:3128", "HTTP_PROXY", "http://plain:3128"));

        assertThat(proxyOf(selection, OPENAI)).hasValue("secure:3128 HTTPS_PROXY");
        assertThat(proxyOf(selection, PLAIN)).hasValue("plain:3128 HTTP_PROXY");
    }

    @Test
    void lowerCaseWinsOverUpperCase() {
        ProxySelection selection = ProxySelection.from(null,
                Map.of("https_proxy", "http://lower:3128", "HTTPS_PROXY", "http://upper:3128"));

        assertThat(proxyOf(selection, OPENAI)).hasValue("lower:3128 https_proxy");
    }

    @Test
    void theFlagServesEveryUpstreamAndOutranksTheVariables() {
        ProxySelection selection = ProxySelection.from("http://flag:8080", Map.of("HTTPS_PROXY", "http://env:3128"));

        assertThat(proxyOf(selection, OPENAI)).hasValue("flag:8080 --upstream-proxy");
        assertThat(proxyOf(selection, PLAIN)).hasValue("flag:8080 --upstream-proxy");
    }

    @Test
    void withoutAnyProxyEverythingGoesDirect() {
        ProxySelection selection = ProxySelection.from(" ", Map.of("HTTPS_PROXY", ""));

        assertThat(selection.usesAProxy()).isFalse();
        assertThat(selection.forUpstream(OPENAI)).isEmpty();
        assertThat(selection.explain(OPENAI)).isEqualTo("direct (no HTTPS_PROXY)");
    }

    @Test
    void noProxyAndLoopbackGoDirect() {
        ProxySelection selection = ProxySelection.from("http://flag:8080", Map.of("no_proxy", ".modal.run"));

        assertThat(selection.forUpstream(URI.create("https://org--generate.modal.run"))).isEmpty();
        assertThat(selection.explain(URI.create("https://org--generate.modal.run"))).isEqualTo("direct (NO_PROXY)");
        for (String local : new String[]{"http://127.0.0.1:9000", "http://127.8.9.10", "https://localhost:8443",
                "http://[::1]:9000", "http://app.localhost"}) {
            assertThat(selection.forUpstream(URI.create(local))).as(local).isEmpty();
        }
        assertThat(selection.explain(URI.create("http://localhost:9000"))).isEqualTo("direct (loopback)");
        assertThat(selection.explain(OPENAI)).isEqualTo("through egress proxy http://flag:8080 (from --upstream-proxy)");
    }

    @Test
    void upperCaseNoProxyCountsToo() {
        ProxySelection selection = ProxySelection.from(null, Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", "openai.com"));

        assertThat(selection.forUpstream(OPENAI)).isEmpty();
    }

    @Test
    void aBadFlagStopsTheStartWithoutShowingThePassword() {
        assertThatThrownBy(() -> ProxySelection.from("https://u:hunter2@p:3128", Map.of()))
                .hasMessageContaining("must be an http:// URL").hasMessageNotContaining("hunter2");
    }

    @Test
    void aBadVariableFailsOnlyTheUpstreamsThatWouldUseItNamingItAndNotItsPassword() {
        ProxySelection selection = ProxySelection.from(null, Map.of("HTTPS_PROXY", "socks5://u:hunter2@p:1080"));

        ProxySelection.Choice choice = selection.forUpstream(OPENAI).orElseThrow();
        assertThat(choice.usable()).isFalse();
        assertThat(choice.problem()).startsWith("HTTPS_PROXY: ").contains("socks5://u:***@p:1080").doesNotContain("hunter2");
        assertThat(selection.forRoute(new Route("/", OPENAI))).isEmpty();
        assertThat(selection.explain(OPENAI)).startsWith("cannot be reached: HTTPS_PROXY: ");
        assertThat(selection.forUpstream(PLAIN)).isEmpty();
        assertThat(selection.forUpstream(URI.create("https://localhost:8443"))).isEmpty();
    }
}
