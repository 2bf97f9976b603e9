package dev.vcrproxy.cassette;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Format 1 of the cassette file: deterministic bytes (fixed field order, 2-space indent, {@code \n}
 * line ends, final newline, interactions sorted by key and seq) so that git shows only real changes.
 */
public final class CassetteCodec {
    public static final int FORMAT = 1;

    private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private CassetteCodec() {
    }

    public static byte[] write(Cassette cassette) {
        List<byte[]> parts = parts(cassette, CassetteCodec::interactionBytes);
        int size = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /**
     * The file as consecutive pieces, each interaction's from {@code texts} (as
     * {@link #interactionBytes} makes it): a store that remembers those rewrites a large cassette
     * without serializing, or even copying, the interactions it already had.
     */
    public static List<byte[]> parts(Cassette cassette, Function<Interaction, byte[]> texts) {
        List<Interaction> interactions = cassette.interactions();
        List<byte[]> parts = new ArrayList<>(2 * interactions.size() + 2);
        StringBuilder head = new StringBuilder(96);
        head.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"name\": ");
        CanonicalJson.writeString(cassette.name().value(), head);
        head.append(",\n  \"interactions\": [");
        parts.add(head.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < interactions.size(); i++) {
            parts.add(i == 0 ? FIRST_ITEM : NEXT_ITEM);
            parts.add(texts.apply(interactions.get(i)));
        }
        parts.add(interactions.isEmpty() ? EMPTY_END : LIST_END);
        return parts;
    }

    private static final byte[] FIRST_ITEM = "\n    ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT_ITEM = ",\n    ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY_END = "]\n}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LIST_END = "\n  ]\n}\n".getBytes(StandardCharsets.UTF_8);

    /** One interaction as it appears in the file (UTF-8), indented for its place in the list. */
    public static byte[] interactionBytes(Interaction interaction) {
        // JSON strings hold no raw line breaks, so indenting every line is safe
        return Json.pretty(toJson(interaction), LAYOUT).replace("\n", "\n    ").getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode toJson(Interaction interaction) {
        ObjectNode node = Json.object();
        node.put("key", interaction.key());
        node.put("seq", interaction.seq());
        node.put("recorded_at", interaction.recordedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        node.put("duration_ms", interaction.durationMs());
        if (interaction.upstream() != null) {
            node.put("upstream", interaction.upstream());
        }
        if (interaction.usage() != null) {
            node.set("usage", interaction.usage().toJson());
        }
        RecordedRequest request = interaction.request();
        ObjectNode req = node.putObject("request");
        req.put("method", request.method());
        req.put("route", request.route());
        req.put("path", request.path());
        ObjectNode query = req.putObject("query");
        request.query().forEach((name, values) -> {
            if (values.size() == 1) {
                query.put(name, values.get(0));
            } else {
                ArrayNode array = query.putArray(name);
                values.forEach(array::add);
            }
        });
        putHeaders(req, request.headers());
        putBody(req, request.body());
        RecordedResponse response = interaction.response();
        ObjectNode res = node.putObject("response");
        res.put("status", response.status());
        putHeaders(res, response.headers());
        if (response.isStream()) {
            String lineEnd = streamLineEnd(response.events());
            if (!lineEnd.equals(StreamEvent.LF)) {
                res.put("line_end", lineEnd);
            }
            ArrayNode events = res.putArray("events");
            response.events().forEach(e -> events.add(event(e, lineEnd)));
        } else {
            putBody(res, response.body());
        }
        return node;
    }

    /** The line end a stream's events share (the first event's); an event with another one says so itself. */
    private static String streamLineEnd(List<StreamEvent> events) {
        return events.isEmpty() ? StreamEvent.LF : events.get(0).lineEnd();
    }

    private static ObjectNode event(StreamEvent event, String streamLineEnd) {
        ObjectNode node = Json.object();
        node.put("t_ms", event.tMs());
        if (event.event() != null) {
            node.put("event", event.event());
        }
        if (event.id() != null) {
            node.put("id", event.id());
        }
        if (event.retry() != null) {
            node.put("retry", event.retry());
        }
        node.put("data", event.data());
        if (!event.lineEnd().equals(streamLineEnd)) {
            node.put("line_end", event.lineEnd());
        }
        if (event.wire() != null) {
            node.put("wire", event.wire());
        }
        return node;
    }

    private static List<StreamEvent> events(JsonNode node, String streamLineEnd) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("'events' must be an array");
        }
        List<StreamEvent> events = new ArrayList<>(node.size());
        for (JsonNode e : node) {
            JsonNode data = required(e, "data");
            events.add(new StreamEvent(e.path("t_ms").asLong(0), data.isTextual() ? data.textValue() : Json.compact(data),
                    e.hasNonNull("event") ? e.get("event").asText() : null,
                    e.hasNonNull("id") ? e.get("id").asText() : null,
                    e.hasNonNull("retry") ? e.get("retry").asLong() : null,
                    e.hasNonNull("line_end") ? e.get("line_end").asText() : streamLineEnd,
                    e.hasNonNull("wire") ? e.get("wire").asText() : null));
        }
        return events;
    }

    private static void putHeaders(ObjectNode parent, Map<String, String> headers) {
        ObjectNode node = parent.putObject("headers");
        headers.forEach(node::put);
    }

    static void putBody(ObjectNode parent, Body body) {
        if (body instanceof Body.MultipartBody multipart) {
            parent.set(MultipartJson.FIELD, MultipartJson.toJson(multipart));
        } else if (body instanceof Body.JsonBody json) {
            parent.set("body", json.value());
        } else if (body instanceof Body.TextBody text) {
            parent.put("body_text", text.text());
        } else if (body instanceof Body.BinaryBody binary) {
            parent.put("body_base64", Base64.getEncoder().encodeToString(binary.data()));
        }
    }

    /** Reads a cassette file's bytes; {@code file} names it in errors. */
    public static Cassette read(byte[] bytes, String file) {
        JsonNode root;
        try {
            root = Json.read(bytes);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadCassetteException(file, line, "not valid JSON: " + conciseMessage(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new BadCassetteException(file, 1, "not a cassette: expected a JSON object");
        }
        if (!root.path("format").isInt() || root.path("format").intValue() != FORMAT) {
            throw new BadCassetteException(file, lineOf(bytes, "\"format\""),
                    "unsupported cassette format " + root.path("format") + " (this proxy reads format " + FORMAT + ")");
        }
        String nameText = root.path("name").asText("");
        String problem = CassetteName.problemWith(nameText);
        if (problem != null) {
            throw new BadCassetteException(file, lineOf(bytes, "\"name\""), "bad cassette name: " + problem);
        }
        JsonNode list = root.path("interactions");
        if (!list.isArray()) {
            throw new BadCassetteException(file, lineOf(bytes, "\"interactions\""), "'interactions' must be an array");
        }
        List<Interaction> interactions = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            try {
                interactions.add(interaction(item));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                String key = item.path("key").asText("");
                int line = key.isEmpty() ? 0 : lineOf(bytes, "\"" + key + "\"");
                throw new BadCassetteException(file, line, "interaction #" + i + ": " + e.getMessage());
            }
        }
        return new Cassette(CassetteName.of(nameText), interactions);
    }

    private static Interaction interaction(JsonNode node) {
        String key = required(node, "key").asText();
        if (!key.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'key' must be 64 lower-case hex digits");
        }
        JsonNode req = required(node, "request");
        JsonNode res = required(node, "response");
        RecordedRequest request = new RecordedRequest(required(req, "method").asText(), required(req, "route").asText(),
                required(req, "path").asText(), query(req.path("query")), headers(req.path("headers")),
                req.has(MultipartJson.FIELD) ? MultipartJson.fromJson(req.get(MultipartJson.FIELD)) : body(req));
        JsonNode status = required(res, "status");
        if (!status.canConvertToInt() || status.intValue() < 100 || status.intValue() > 999) {
            throw new IllegalArgumentException("'status' must be an HTTP status code");
        }
        RecordedResponse response = res.has("events")
                ? RecordedResponse.stream(status.intValue(), headers(res.path("headers")), events(res.get("events"),
                        res.hasNonNull("line_end") ? res.get("line_end").asText() : StreamEvent.LF))
                : new RecordedResponse(status.intValue(), headers(res.path("headers")), body(res));
        return new Interaction(key, node.path("seq").asInt(0),
                Instant.parse(required(node, "recorded_at").asText()), node.path("duration_ms").asLong(0),
                request, response, node.hasNonNull("upstream") ? node.get("upstream").asText() : null,
                TokenUsage.fromJson(node.get("usage")));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }

    private static SortedMap<String, List<String>> query(JsonNode node) {
        SortedMap<String, List<String>> query = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            List<String> values = new ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(entry.getValue().asText());
            }
            query.put(entry.getKey(), values);
        }
        return query;
    }

    private static SortedMap<String, String> headers(JsonNode node) {
        SortedMap<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            headers.put(entry.getKey().toLowerCase(java.util.Locale.ROOT), entry.getValue().asText());
        }
        return headers;
    }

    static Body body(JsonNode node) {
        if (node.has("body")) {
            return new Body.JsonBody(node.get("body"));
        }
        if (node.has("body_text")) {
            return new Body.TextBody(node.get("body_text").asText());
        }
        if (node.has("body_base64")) {
            try {
                return new Body.BinaryBody(Base64.getDecoder().decode(node.get("body_base64").asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'body_base64' is not valid base64");
            }
        }
        return Body.EMPTY;
    }

    /** Jackson's message without the source excerpt it may append: one readable line. */
    private static String conciseMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int excerpt = message.indexOf(" (start marker at");
        return (excerpt < 0 ? message : message.substring(0, excerpt)).replaceAll("\\s+", " ").trim();
    }

    private static int lineOf(byte[] bytes, String needle) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf(needle);
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
