package dev.vcrproxy.server;

import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.Http;
import dev.vcrproxy.testing.ScriptedUpstream;
import dev.vcrproxy.testing.ScriptedUpstream.Action;
import dev.vcrproxy.upstream.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Upstream connections are kept alive between requests, and a kept one that fails is handled. */
class UpstreamConnectionsIT extends ProxyTestSupport {
    private ScriptedUpstream scripted;

    @AfterEach
    void stopScripted() throws IOException {
        if (scripted != null) {
            scripted.close();
        }
    }

    private VcrProxyServer proxyTo(ScriptedUpstream.Script script, Mode mode) throws IOException {
        scripted = new ScriptedUpstream(script);
        return proxy(mode, b -> b.route(Route.parse("/scripted=" + scripted.uri())).upstreamTimeout(Duration.ofMillis(700)));
    }

    private static HttpResponse<String> call(VcrProxyServer proxy, String prompt) {
        return Http.post(proxy.baseUrl() + "/scripted/generate", "{\"prompt\": \"" + prompt + "\"}");
    }

    @Test
    void sequentialCallsShareOneUpstreamConnection() throws IOException {
        VcrProxyServer proxy = proxyTo((connection, request) -> Action.ANSWER, Mode.PASSTHROUGH);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = call(proxy, "call " + i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response.body()).at("/echo/prompt").asText()).isEqualTo("call " + i);
        }
        assertThat(scripted.connections()).isEqualTo(1);
        assertThat(scripted.requests()).hasSize(5);
    }

    @Test
    void aKeptConnectionTheUpstreamClosesAsTheRequestArrivesIsRetriedOnceOnANewOne() throws IOException {
        VcrProxyServer proxy = proxyTo((connection, request) ->
                connection == 0 && request == 1 ? Action.CLOSE_WITHOUT_ANSWER : Action.ANSWER, Mode.RECORD_MISSING);
        assertThat(call(proxy, "first").statusCode()).isEqualTo(200);

        HttpResponse<String> second = call(proxy, "second");

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second.body()).at("/echo/prompt").asText()).isEqualTo("second");
        assertThat(second.headers().firstValue("X-Vcr-Result")).hasValue("recorded");
        assertThat(scripted.connections()).isEqualTo(2);
        assertThat(scripted.requests()).hasSize(3);
        assertThat(scripted.requests().get(2)).isEqualTo(scripted.requests().get(1)).contains("second");
        assertThat(cassetteFile("default").get("interactions")).hasSize(2);
    }

    @Test
    void aNewConnectionThatFailsBeforeAnsweringIsNotRetried() throws IOException {
        VcrProxyServer proxy = proxyTo((connection, request) -> Action.CLOSE_WITHOUT_ANSWER, Mode.PASSTHROUGH);

        HttpResponse<String> response = call(proxy, "doomed");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("vcr_upstream_error");
        assertThat(scripted.requests()).hasSize(1);
    }

    @Test
    void aKeptConnectionThatTimesOutIsNotRetried() throws IOException {
        VcrProxyServer proxy = proxyTo((connection, request) -> request == 1 ? Action.SILENCE : Action.ANSWER,
                Mode.PASSTHROUGH);
        assertThat(call(proxy, "first").statusCode()).isEqualTo(200);

        HttpResponse<String> slow = call(proxy, "never answered");

        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(scripted.requests()).hasSize(2);
    }

    @Test
    void connectionCloseFromTheUpstreamIsHonoured() throws IOException {
        VcrProxyServer proxy = proxyTo((connection, request) -> Action.ANSWER_AND_CLOSE, Mode.PASSTHROUGH);
        for (int i = 0; i < 3; i++) {
            assertThat(call(proxy, "call " + i).statusCode()).isEqualTo(200);
        }
        assertThat(scripted.connections()).isEqualTo(3);
        assertThat(scripted.requests()).hasSize(3);
    }

    @Test
    void aKeptConnectionTheUpstreamClosedWhileIdleIsNotUsedAgain() throws Exception {
        VcrProxyServer proxy = proxyTo((connection, request) -> Action.ANSWER_THEN_HANG_UP, Mode.PASSTHROUGH);
        assertThat(call(proxy, "first").statusCode()).isEqualTo(200);
        Thread.sleep(400);

        HttpResponse<String> second = call(proxy, "second");

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second.body()).at("/echo/prompt").asText()).isEqualTo("second");
        assertThat(scripted.connections()).isEqualTo(2);
        assertThat(scripted.requests()).hasSize(2);
    }
}
