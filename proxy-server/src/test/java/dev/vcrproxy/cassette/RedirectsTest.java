package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedirectsTest {
    private static final URI GENERATE = URI.create("https://org--generate.modal.run");
    private static final List<Redirects.Base> MODAL = List.of(
            new Redirects.Base("/generate", GENERATE),
            new Redirects.Base("/health", URI.create("https://org--health.modal.run")));
    private static final String PROXY = "http://127.0.0.1:8080";

    @Test
    void modalsLongCallRedirectComesBackThroughTheRoute() {
        assertThat(Redirects.rewrite("https://org--generate.modal.run/?__modal_function_call_id=fc-01JX", GENERATE, MODAL, PROXY))
                .hasValue("http://127.0.0.1:8080/generate?__modal_function_call_id=fc-01JX");
        assertThat(Redirects.rewrite("https://org--generate.modal.run?__modal_function_call_id=fc-2", GENERATE, MODAL, PROXY))
                .hasValue("http://127.0.0.1:8080/generate?__modal_function_call_id=fc-2");
        assertThat(Redirects.rewrite("https://ORG--health.modal.run:443/status", GENERATE, MODAL, PROXY))
                .hasValue("http://127.0.0.1:8080/health/status");
    }

    @Test
    void keepsTheCassettePrefixTheRequestCameWith() {
        assertThat(Redirects.rewrite("https://org--generate.modal.run/?__modal_function_call_id=fc-3", GENERATE, MODAL,
                "http://localhost:39001/__cassette/suite%2Ftest_long"))
                .hasValue("http://localhost:39001/__cassette/suite%2Ftest_long/generate?__modal_function_call_id=fc-3");
    }

    @Test
    void onlyPathsUnderTheUpstreamPathAndTheLongestUpstreamPathWins() {
        List<Redirects.Base> bases = List.of(
                new Redirects.Base("/", URI.create("https://api.example.com/")),
                new Redirects.Base("/jobs", URI.create("https://api.example.com/v1/jobs")),
                new Redirects.Base("/v2", URI.create("https://api.example.com/v2")));
        URI answeredBy = URI.create("https://api.example.com/v1/jobs");
        assertThat(Redirects.rewrite("https://api.example.com/v1/jobs/7#top", answeredBy, bases, PROXY)).hasValue(PROXY + "/jobs/7#top");
        assertThat(Redirects.rewrite("https://api.example.com/v1/jobsx", answeredBy, bases, PROXY)).hasValue(PROXY + "/v1/jobsx");
        assertThat(Redirects.rewrite("/v2/files/a%20b?x=1", answeredBy, bases, PROXY)).hasValue(PROXY + "/v2/files/a%20b?x=1");
        List<Redirects.Base> onlyV1 = List.of(new Redirects.Base("/", URI.create("https://api.example.com/v1")));
        assertThat(Redirects.rewrite("https://api.example.com/v2/x", answeredBy, onlyV1, PROXY)).isEmpty();
    }

    @Test
    void otherHostsPortsSchemesAndRelativeLocationsAreLeftAlone() {
        assertThat(Redirects.rewrite("https://elsewhere.modal.run/?x=1", GENERATE, MODAL, PROXY)).isEmpty();
        assertThat(Redirects.rewrite("https://org--generate.modal.run:8443/", GENERATE, MODAL, PROXY)).isEmpty();
        assertThat(Redirects.rewrite("http://org--generate.modal.run/", GENERATE, MODAL, PROXY)).isEmpty();
        assertThat(Redirects.rewrite("result?x=1", GENERATE, MODAL, PROXY)).isEmpty();
        assertThat(Redirects.rewrite("/?x=1", null, MODAL, PROXY)).isEmpty();
        assertThat(Redirects.rewrite("not a url at all ::", GENERATE, MODAL, PROXY)).isEmpty();
        assertThat(Redirects.elsewhere("https://Elsewhere.modal.run/?x=1")).hasValue("https://elsewhere.modal.run");
        assertThat(Redirects.elsewhere("/relative")).isEmpty();
    }

    @Test
    void storedUpstreamsCarryNoUserInfo() {
        assertThat(Redirects.storable(URI.create("https://user:secret@api.example.com:8443/v1"))).isEqualTo("https://api.example.com:8443/v1");
        assertThat(Redirects.storable(GENERATE)).isEqualTo("https://org--generate.modal.run");
    }
}
