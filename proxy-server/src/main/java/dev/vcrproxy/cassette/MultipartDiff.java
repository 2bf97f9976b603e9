package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Miss diagnostics for form data, part by part in order, with pointers into the stored
 * {@code multipart} array: {@code /0/filename}, {@code /1/body_text}, {@code /2/body/temperature}.
 */
final class MultipartDiff {
    private static final String FIELD = MultipartJson.FIELD;

    private MultipartDiff() {
    }

    static void parts(List<Difference> out, List<MultipartPart> recorded, List<MultipartPart> actual, MatchRules rules) {
        for (int i = 0; i < Math.max(recorded.size(), actual.size()); i++) {
            MultipartPart r = i < recorded.size() ? recorded.get(i) : null;
            MultipartPart a = i < actual.size() ? actual.get(i) : null;
            String at = "/" + i;
            if (r == null || a == null) {
                out.add(new Difference(FIELD, at, outline(r), outline(a)));
                continue;
            }
            scalar(out, at + "/name", r.name(), a.name());
            scalar(out, at + "/filename", r.filename(), a.filename());
            scalar(out, at + "/content_type", r.contentType(), a.contentType());
            body(out, at, r.body(), a.body(), rules);
        }
    }

    private static void scalar(List<Difference> out, String pointer, String recorded, String actual) {
        if (!Objects.equals(recorded, actual)) {
            out.add(new Difference(FIELD, pointer, RequestDiff.text(recorded), RequestDiff.text(actual)));
        }
    }

    private static void body(List<Difference> out, String at, Body recorded, Body actual, MatchRules rules) {
        if (recorded instanceof Body.JsonBody r && actual instanceof Body.JsonBody a) {
            RequestDiff.json(out, FIELD, at + "/body", RequestDiff.withoutIgnored(r.value(), rules),
                    RequestDiff.withoutIgnored(a.value(), rules));
        } else if (!recorded.equals(actual)) {
            String stored = storedField(recorded.isEmpty() ? actual : recorded);
            out.add(new Difference(FIELD, at + "/" + stored, summary(recorded), summary(actual)));
        }
    }

    /** The cassette field that holds such a body. */
    private static String storedField(Body body) {
        if (body instanceof Body.JsonBody) {
            return "body";
        }
        return body instanceof Body.BinaryBody ? "body_base64" : "body_text";
    }

    /** Binary parts by size and digest: two recordings of one length differ visibly. */
    private static JsonNode summary(Body body) {
        if (body.isEmpty()) {
            return null;
        }
        if (body instanceof Body.JsonBody json) {
            return RequestDiff.shown(json.value());
        }
        if (body instanceof Body.TextBody text) {
            return RequestDiff.shown(RequestDiff.text(text.text()));
        }
        byte[] bytes = body.bytes();
        return RequestDiff.text("<" + bytes.length + " bytes, sha256 " + sha256(bytes).substring(0, 12) + "…>");
    }

    /** A part that only one side has: its name, file name and content type. */
    private static JsonNode outline(MultipartPart part) {
        if (part == null) {
            return null;
        }
        ObjectNode node = Json.object();
        node.put("name", part.name());
        if (part.filename() != null) {
            node.put("filename", part.filename());
        }
        if (part.contentType() != null) {
            node.put("content_type", part.contentType());
        }
        return node;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
