package dev.vcrproxy.interop;

import java.io.IOException;
import java.util.List;

/**
 * The Gemini API on the wire: {@code POST /v1beta/models/MODEL:generateContent} (or {@code /v1/…},
 * which google-genai 2.x uses) with
 * {@code x-goog-api-key}, and {@code :streamGenerateContent?alt=sse}, whose events end in
 * {@code \r\n\r\n} as Google's servers send them.
 */
final class GeminiWire {
    static final String API_KEY = "AIzaSyInterop0Test0Key0Not0Real000000000";
    static final String MODEL = "gemini-2.0-flash";

    static final String RESPONSE = """
            {"candidates":[{"content":{"parts":[{"text":"3 crates to Oslo by Friday."}],"role":"model"},"finishReason":"STOP",\
            "avgLogprobs":-0.12,"index":0}],"usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":9,"totalTokenCount":20},\
            "modelVersion":"gemini-2.0-flash","responseId":"interop-r1"}""";

    static final List<String> CRLF_STREAM = List.of(
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"3 crates\"}],\"role\":\"model\"},\"index\":0}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":11,\"totalTokenCount\":11},\"modelVersion\":\"gemini-2.0-flash\","
                    + "\"responseId\":\"interop-r2\"}\r\n\r\n",
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" to Oslo by Friday.\"}],\"role\":\"model\"},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":11,\"candidatesTokenCount\":9,"
                    + "\"totalTokenCount\":20},\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"interop-r2\"}\r\n\r\n");

    private GeminiWire() {
    }

    static StandIn start() throws IOException {
        return new StandIn((exchange, body) -> {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            if (!StandIn.hasHeader(exchange, "x-goog-api-key", API_KEY)) {
                StandIn.sendUnauthorized(exchange, "x-goog-api-key");
                return;
            }
            if (path.matches("/v1(beta)?/models/" + MODEL + ":generateContent")) {
                StandIn.sendJson(exchange, 200, RESPONSE);
            } else if (path.matches("/v1(beta)?/models/" + MODEL + ":streamGenerateContent") && query.equals("alt=sse")) {
                StandIn.sendEvents(exchange, CRLF_STREAM);
            } else {
                StandIn.sendJson(exchange, 404, "{\"error\": {\"code\": 404, \"message\": \"unknown " + exchange.getRequestURI() + "\"}}");
            }
        });
    }
}
