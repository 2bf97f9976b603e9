package dev.vcrproxy.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Modal provider does: POST one JSON body to exactly {@code MODAL_ENDPOINT_URL}, following
 * redirects (a long call's 303 turns into a GET of its Location).
 */
final class ModalCalls {
    /**
     * The final answer after any redirects, and every URL the client asked for on the way, with the
     * proxy's own address written {@code {proxy}} so that a recording and its replay on another port compare equal.
     */
    record Answer(int status, String body, List<String> urls) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private ModalCalls() {
    }

    static Answer generate(String proxy, String endpointUrl, String prompt) throws IOException, InterruptedException {
        String body = "{\"prompt\": \"" + prompt + "\", \"schema\": {\"type\": \"object\", \"required\": [\"ir_json\"]}, "
                + "\"max_tokens\": 256, \"temperature\": 0.0, \"top_p\": 1.0}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpointUrl))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> urls = new ArrayList<>();
        for (HttpResponse<String> r = response; r != null; r = r.previousResponse().orElse(null)) {
            urls.add(0, r.uri().toString().replace(proxy, "{proxy}"));
        }
        return new Answer(response.statusCode(), response.body(), urls);
    }
}
