package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A request or response body as a cassette stores it: a JSON value ({@code body}), UTF-8 text
 * ({@code body_text}), other bytes ({@code body_base64}), form-data parts ({@code multipart}, requests
 * only), or nothing.
 */
public sealed interface Body {
    Body EMPTY = new Empty();

    /** The bytes sent on the wire when this body is replayed; shared, so never modify them. */
    byte[] bytes();

    default boolean isEmpty() {
        return this instanceof Empty;
    }

    /**
     * Classifies raw bytes: JSON when they parse as one JSON value and the content type is JSON,
     * absent, or not clearly something else; UTF-8 text; otherwise binary.
     */
    static Body of(byte[] raw, String contentType) {
        if (raw.length == 0) {
            return EMPTY;
        }
        if (mayHoldJson(contentType)) {
            Optional<JsonNode> json = Json.parse(raw);
            if (json.isPresent()) {
                return new JsonBody(json.get());
            }
        }
        Optional<String> text = utf8(raw);
        return text.<Body>map(TextBody::new).orElseGet(() -> new BinaryBody(raw.clone()));
    }

    private static boolean mayHoldJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.contains("json") || type.startsWith("text/plain");
    }

    private static Optional<String> utf8(byte[] raw) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A JSON value; its compact serialization is computed once, so replays cost no JSON writing. */
    final class JsonBody implements Body {
        private final JsonNode value;
        private volatile byte[] compact;

        public JsonBody(JsonNode value) {
            this.value = value;
        }

        public JsonNode value() {
            return value;
        }

        @Override
        public byte[] bytes() {
            byte[] bytes = compact;
            if (bytes == null) {
                bytes = Json.compactBytes(value);
                compact = bytes;
            }
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonBody other && value.equals(other.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return "JsonBody[" + value + "]";
        }
    }

    /** UTF-8 text; encoded once, so every replay sends the same shared bytes rather than a new copy. */
    final class TextBody implements Body {
        private final String text;
        private volatile byte[] utf8;

        public TextBody(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        @Override
        public byte[] bytes() {
            byte[] bytes = utf8;
            if (bytes == null) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
                utf8 = bytes;
            }
            return bytes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TextBody other && text.equals(other.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "TextBody[text=" + text + "]";
        }
    }

    record BinaryBody(byte[] data) implements Body {
        @Override
        public byte[] bytes() {
            return data;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BinaryBody other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "BinaryBody[" + data.length + " bytes]";
        }
    }

    /**
     * A {@code multipart/form-data} request body as its parts. The client's boundary is not kept, so
     * {@link #bytes()} encodes the parts again with a fixed one.
     */
    record MultipartBody(List<MultipartPart> parts) implements Body {
        public MultipartBody {
            parts = List.copyOf(parts);
        }

        @Override
        public byte[] bytes() {
            return Multipart.encode(parts, Multipart.STORED_BOUNDARY);
        }

        /** The same parts with each body replaced by {@code change} of it. */
        public MultipartBody mapBodies(UnaryOperator<Body> change) {
            return new MultipartBody(parts.stream().map(p -> p.withBody(change.apply(p.body()))).toList());
        }
    }

    record Empty() implements Body {
        @Override
        public byte[] bytes() {
            return new byte[0];
        }
    }
}
