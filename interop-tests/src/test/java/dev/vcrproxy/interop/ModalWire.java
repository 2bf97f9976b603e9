package dev.vcrproxy.interop;

import java.io.IOException;

/**
 * A Modal web endpoint on the wire: {@code POST /} with the provider's JSON body answers JSON. A
 * prompt that runs long answers {@code 303 See Other} with {@code Location: <its own absolute
 * URL>?__modal_function_call_id=fc-…}, and a GET of that URL answers the result, as Modal does for
 * calls past 150 s.
 */
final class ModalWire {
    static final String LONG_PROMPT = "Summarise the 40-page shipping contract";
    static final String CALL_ID = "fc-01JINTEROP0LONG0CALL0000";
    static final String RESULT = "{\"ir_json\":{\"intent\":\"extract\",\"entities\":[\"3\",\"crates\",\"Oslo\"]},\"tokens_used\":103,"
            + "\"model\":\"stand-in-vllm-7b\"}";
    static final String LONG_RESULT = "{\"ir_json\":{\"intent\":\"summarise\",\"pages\":40},\"tokens_used\":812,"
            + "\"model\":\"stand-in-vllm-7b\"}";

    private ModalWire() {
    }

    static StandIn start() throws IOException {
        StandIn[] self = new StandIn[1];
        self[0] = new StandIn((exchange, body) -> {
            String method = exchange.getRequestMethod();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            if (method.equals("GET") && query.equals("__modal_function_call_id=" + CALL_ID)) {
                StandIn.sendJson(exchange, 200, LONG_RESULT);
            } else if (method.equals("POST") && StandIn.json(body).path("prompt").asText().equals(LONG_PROMPT)) {
                exchange.getResponseHeaders().set("Location", self[0].url() + "/?__modal_function_call_id=" + CALL_ID);
                exchange.sendResponseHeaders(303, -1);
            } else if (method.equals("POST")) {
                StandIn.sendJson(exchange, 200, RESULT);
            } else {
                StandIn.sendJson(exchange, 404, "{\"error\": \"unknown " + method + " " + exchange.getRequestURI() + "\"}");
            }
        });
        return self[0];
    }
}
