package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Masking;

/** An admin answer: a status and a JSON body, or a text body with its content type. */
public record AdminResponse(int status, String contentType, byte[] body) {

    /** Masked like every text the proxy prints: cassette names, requests and differences may hold keys. */
    public static AdminResponse json(int status, JsonNode body) {
        return new AdminResponse(status, "application/json", Json.compactBytes(Masking.json(body)));
    }

    public static AdminResponse ok(JsonNode body) {
        return json(200, body);
    }

    public static AdminResponse error(int status, String type, String message) {
        var root = Json.object();
        var error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return json(status, root);
    }
}
