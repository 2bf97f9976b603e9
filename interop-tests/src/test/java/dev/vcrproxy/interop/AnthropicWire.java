package dev.vcrproxy.interop;

import java.io.IOException;
import java.util.List;

/**
 * Anthropic's messages API on the wire: {@code POST /v1/messages} with {@code anthropic-version} and
 * the key in {@code x-api-key} (or {@code Authorization: Bearer}, which anthropic-java 3.x sends); a JSON message, or (with {@code "stream": true}) {@code event:} +
 * {@code data:} events: a text block in {@code text_delta}s, a ping, then a tool call whose input
 * arrives as {@code input_json_delta} fragments.
 */
final class AnthropicWire {
    static final String API_KEY = "sk-ant-api03-interop0test0key0not0real0000000000";

    static final String MESSAGE = """
            {"id":"msg_interop1","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",\
            "content":[{"type":"text","text":"3 crates to Oslo by Friday."}],"stop_reason":"end_turn","stop_sequence":null,\
            "usage":{"input_tokens":21,"output_tokens":9}}""";

    static final List<String> TOOL_USE_STREAM = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_interop2\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"stop_reason\":null,"
                    + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":58,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: ping\ndata: {\"type\": \"ping\"}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Booking \"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"the shipment.\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
                    + "\"id\":\"toolu_interop1\",\"name\":\"ship\",\"input\":{}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                    + "\"partial_json\":\"{\\\"crates\\\": 3, \\\"ci\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                    + "\"partial_json\":\"ty\\\": \\\"Oslo\\\"}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":42}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    private AnthropicWire() {
    }

    static StandIn start() throws IOException {
        return new StandIn((exchange, body) -> {
            if (!exchange.getRequestURI().getPath().equals("/v1/messages")) {
                StandIn.sendJson(exchange, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"unknown path "
                        + exchange.getRequestURI() + "\"}}");
            } else if (!StandIn.hasHeader(exchange, "x-api-key", API_KEY)
                    && !StandIn.hasHeader(exchange, "Authorization", "Bearer " + API_KEY)) {
                StandIn.sendUnauthorized(exchange, "x-api-key or Authorization: Bearer");
            } else if (StandIn.json(body).path("stream").asBoolean()) {
                StandIn.sendEvents(exchange, TOOL_USE_STREAM);
            } else {
                StandIn.sendJson(exchange, 200, MESSAGE);
            }
        });
    }
}
