package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.cassette.Redaction;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;

import java.util.Locale;
import java.util.Map;

/** How the proxy reads an upstream's answer: errors that are not recorded, streams, headers to pass on. */
final class UpstreamAnswers {
    private UpstreamAnswers() {
    }

    static boolean isErrorStatus(int status) {
        return status >= 500 || status == 429;
    }

    /** Modal reports failures as HTTP 200 with a top-level "error" field. */
    static boolean isModalStyleError(RecordedResponse response) {
        if (response == null || response.status() / 100 != 2 || !(response.body() instanceof Body.JsonBody json)) {
            return false;
        }
        JsonNode error = json.value().get("error");
        return json.value().isObject() && error != null && !error.isNull();
    }

    static boolean isEventStream(HttpResponse head) {
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    static void copyHeaders(HttpResponse from, HttpResponse to) {
        for (Map.Entry<String, String> header : from.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!Redaction.HOP_BY_HOP.contains(name) && !name.equals("content-length")) {
                to.headers().add(header.getKey(), header.getValue());
            }
        }
    }
}
