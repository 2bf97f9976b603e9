package dev.vcrproxy.interop;

import java.util.List;

/**
 * The README's "Provider recipes", as the tests use them: one proxy, a {@code --route} per
 * provider whose upstream is the provider's origin (the SDK keeps the path its API expects), and
 * the base URL each SDK is given. {@code cassette} (nullable) adds the {@code /__cassette/NAME}
 * prefix a test uses to pick its own cassette.
 */
final class Recipes {
    private Recipes() {
    }

    /** {@code --route /openai=… --route /anthropic=… --route /gemini=… --route /generate=…}. */
    static List<String> routes(ProviderStandIns upstreams) {
        return List.of(
                "--route", "/openai=" + upstreams.openAi().url(),
                "--route", "/anthropic=" + upstreams.anthropic().url(),
                "--route", "/gemini=" + upstreams.gemini().url(),
                "--route", "/generate=" + upstreams.modal().url());
    }

    /**
     * The same with OpenAI as the single {@code --upstream} (the route {@code /}), so its base URL is
     * {@code http://127.0.0.1:8080/v1}; the other providers keep their routes (the longest prefix wins).
     */
    static List<String> routesWithOpenAiAtTheRoot(ProviderStandIns upstreams) {
        return List.of(
                "--upstream", upstreams.openAi().url(),
                "--route", "/anthropic=" + upstreams.anthropic().url(),
                "--route", "/gemini=" + upstreams.gemini().url(),
                "--route", "/generate=" + upstreams.modal().url());
    }

    /** openai-java {@code baseUrl}, openai-python {@code base_url}: the route plus {@code /v1}. */
    static String openAi(String proxy, String cassette) {
        return proxy + prefix(cassette) + "/openai/v1";
    }

    /** anthropic-java {@code baseUrl}, anthropic-python {@code base_url}: the route, no {@code /v1} (the SDK adds it). */
    static String anthropic(String proxy, String cassette) {
        return proxy + prefix(cassette) + "/anthropic";
    }

    /** google-genai {@code HttpOptions.baseUrl}: the route; the SDK adds {@code /v1beta/models/…}. */
    static String gemini(String proxy, String cassette) {
        return proxy + prefix(cassette) + "/gemini";
    }

    /** {@code MODAL_ENDPOINT_URL}: the route itself, which the proxy strips (Modal serves at {@code /}). */
    static String modal(String proxy, String cassette) {
        return proxy + prefix(cassette) + "/generate";
    }

    private static String prefix(String cassette) {
        return cassette == null ? "" : "/__cassette/" + cassette;
    }
}
