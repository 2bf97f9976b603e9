package dev.vcrproxy.interop;

import java.io.IOException;
import java.util.List;

/**
 * OpenAI's chat completions on the wire: {@code POST /v1/chat/completions} with {@code Authorization:
 * Bearer}, a JSON completion, or (with {@code "stream": true}) chunked SSE carrying a streamed tool
 * call in {@code tool_calls} deltas, a final usage chunk with no choices, and {@code data: [DONE]}.
 */
final class OpenAiWire {
    static final String API_KEY = "sk-interop0test0key0not0real0000000000";

    static final String COMPLETION = """
            {"id":"chatcmpl-interop1","object":"chat.completion","created":1764633600,"model":"gpt-4o-mini-2024-07-18",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"3 crates to Oslo by Friday.","refusal":null,\
            "annotations":[]},"logprobs":null,"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":19,"completion_tokens":8,"total_tokens":27},"system_fingerprint":"fp_interop"}""";

    private static final String CHUNK = "data: {\"id\":\"chatcmpl-interop2\",\"object\":\"chat.completion.chunk\",\"created\":1764633601,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_interop\",";
    static final List<String> TOOL_CALL_STREAM = List.of(
            CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                    + "\"id\":\"call_interop1\",\"type\":\"function\",\"function\":{\"name\":\"ship\",\"arguments\":\"\"}}],"
                    + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
            CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"crates\\\": 3, \"}}]},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
            CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"city\\\": \\\"Oslo\\\"}\"}}]},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n",
            CHUNK + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":null}\n\n",
            CHUNK + "\"choices\":[],\"usage\":{\"prompt_tokens\":61,\"completion_tokens\":17,\"total_tokens\":78}}\n\n",
            "data: [DONE]\n\n");

    /** Time between {@code data: [DONE]} and the end of the body; SDKs that stop reading at [DONE] close within it. */
    static final int END_PAUSE_MS = 300;

    private OpenAiWire() {
    }

    static StandIn start() throws IOException {
        return new StandIn((exchange, body) -> {
            if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                StandIn.sendJson(exchange, 404, "{\"error\": {\"message\": \"unknown path " + exchange.getRequestURI() + "\"}}");
            } else if (!StandIn.hasHeader(exchange, "Authorization", "Bearer " + API_KEY)) {
                StandIn.sendUnauthorized(exchange, "Authorization: Bearer");
            } else if (StandIn.json(body).path("stream").asBoolean()) {
                StandIn.sendEvents(exchange, TOOL_CALL_STREAM, END_PAUSE_MS);
            } else {
                StandIn.sendJson(exchange, 200, COMPLETION);
            }
        });
    }
}
