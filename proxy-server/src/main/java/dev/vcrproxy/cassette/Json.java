package dev.vcrproxy.cassette;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The one JSON configuration for bodies and cassettes: exact decimals, strict parsing (duplicate
 * keys and trailing data are errors), trees read and written without an {@code ObjectMapper}.
 */
public final class Json {
    /** Bodies of tens of MiB (stored as one string) must read back: lift Jackson's 20 MB string cap. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Decimals kept as written (0.30 stays 0.30); without an ObjectMapper, this flag is the way to say so. */
    @SuppressWarnings("deprecation")
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final DefaultPrettyPrinter DEFAULT_LAYOUT = new DefaultPrettyPrinter();

    private Json() {
    }

    /** The JSON value in {@code bytes}, or empty when they are not exactly one JSON value. */
    public static Optional<JsonNode> parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(bytes)).filter(node -> !node.isMissingNode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Exactly one JSON value, or the parser's error with its location; no value at all (empty or
     * blank input) is the missing node.
     */
    public static JsonNode read(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return MissingNode.getInstance();
            }
            JsonNode value = JsonTrees.read(parser, NODES);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after value");
            }
            return value;
        }
    }

    public static byte[] compactBytes(JsonNode node) {
        try (ByteArrayBuilder out = new ByteArrayBuilder()) {
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                JsonTrees.write(node, generator);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String compact(JsonNode node) {
        return write(node, null);
    }

    /** {@code node} indented as Jackson does by default ({@code "name" : value}, two spaces). */
    public static String pretty(JsonNode node) {
        return pretty(node, DEFAULT_LAYOUT);
    }

    /** {@code node} laid out as {@code layout} says; a printer keeps state, so each call uses a copy. */
    public static String pretty(JsonNode node, DefaultPrettyPrinter layout) {
        return write(node, layout.createInstance());
    }

    private static String write(JsonNode node, PrettyPrinter printer) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.setPrettyPrinter(printer);
            JsonTrees.write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }
}
