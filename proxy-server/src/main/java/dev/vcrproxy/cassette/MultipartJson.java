package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A request's form-data parts in a cassette: {@code "multipart": [{"name", "filename", "content_type",
 * "body" | "body_text" | "body_base64"}]}, with absent file names and content types left out.
 */
final class MultipartJson {
    static final String FIELD = "multipart";

    private MultipartJson() {
    }

    static ArrayNode toJson(Body.MultipartBody multipart) {
        ArrayNode parts = Json.array();
        for (MultipartPart part : multipart.parts()) {
            ObjectNode node = parts.addObject();
            node.put("name", part.name());
            if (part.filename() != null) {
                node.put("filename", part.filename());
            }
            if (part.contentType() != null) {
                node.put("content_type", part.contentType());
            }
            CassetteCodec.putBody(node, part.body());
        }
        return parts;
    }

    static Body.MultipartBody fromJson(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("'multipart' must be an array of parts");
        }
        List<MultipartPart> parts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            if (!part.path("name").isTextual()) {
                throw new IllegalArgumentException("multipart part #" + i + " needs a string 'name'");
            }
            parts.add(new MultipartPart(part.get("name").textValue(), optionalText(part, "filename", i),
                    optionalText(part, "content_type", i), CassetteCodec.body(part)));
        }
        return new Body.MultipartBody(parts);
    }

    private static String optionalText(JsonNode part, String field, int index) {
        JsonNode value = part.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("multipart part #" + index + ": '" + field + "' must be a string");
        }
        return value.textValue();
    }
}
