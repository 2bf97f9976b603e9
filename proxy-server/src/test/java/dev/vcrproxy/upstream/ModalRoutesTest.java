package dev.vcrproxy.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MODAL_ENDPOINT_URL as the upstream: the routes the Modal provider's own URLs imply. */
class ModalRoutesTest {
    private static String routes(String url) {
        return String.join(" ", ModalRoutes.of(url).stream().map(Route::toString).toList());
    }

    @Test
    void aLabelBasedUrlServesGenerateAndItsHealthTwin() {
        assertThat(routes("https://org--generate.modal.run"))
                .isEqualTo("/generate=https://org--generate.modal.run /health=https://org--health.modal.run");
        assertThat(routes("https://org--generate-dev.modal.run/"))
                .isEqualTo("/generate=https://org--generate-dev.modal.run/ /health=https://org--health-dev.modal.run/");
    }

    @Test
    void aUrlWithAPathServesThatPathAndTheHealthBesideAGenerate() {
        assertThat(routes("http://127.0.0.1:9000/generate"))
                .isEqualTo("/generate=http://127.0.0.1:9000/generate /health=http://127.0.0.1:9000/health");
        assertThat(routes("http://host/v1/generate/"))
                .isEqualTo("/v1/generate=http://host/v1/generate/ /v1/health=http://host/v1/health");
        assertThat(routes("http://host/v1/complete")).isEqualTo("/v1/complete=http://host/v1/complete");
    }

    @Test
    void anyOtherUrlIsTheUpstreamOfEverything() {
        assertThat(routes("https://api.example.com")).isEqualTo("/=https://api.example.com");
    }

    @Test
    void aRequestToGenerateReachesTheEndpointItselfNotGenerateTwice() {
        RouteTable table = new RouteTable(ModalRoutes.of("http://host:9000/generate"));
        RouteTable.Match match = table.match("/generate").orElseThrow();
        assertThat(match.route().target(match.remainder(), null)).isEqualTo("/generate");
        RouteTable.Match health = table.match("/health").orElseThrow();
        assertThat(health.route().target(health.remainder(), null)).isEqualTo("/health");
    }
}
