package dev.vcrproxy.cassette;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a response, what {@code verify} compares: its status, media type, and the shape of
 * its body; for an event stream, the event names in the order they first appear (repeats and
 * their count vary with the answer's length) and, per name, the merged shape of their data.
 */
public record ResponseShape(int status, String mediaType, JsonShape body, List<String> eventNames,
                            Map<String, JsonShape> eventData) {
    /** The SSE name of an event without an {@code event:} field. */
    public static final String UNNAMED_EVENT = "message";
    /** The root type of a stream body, so a stream against a plain body is one change. */
    public static final String EVENTS = "events";

    public static ResponseShape of(RecordedResponse response) {
        String media = mediaType(response.contentType());
        if (!response.isStream()) {
            return new ResponseShape(response.status(), media, bodyShape(response.body()), null, null);
        }
        List<String> names = new ArrayList<>();
        Map<String, JsonShape> data = new LinkedHashMap<>();
        for (StreamEvent event : response.events()) {
            String name = event.event() == null ? UNNAMED_EVENT : event.event();
            JsonShape shape = data.get(name);
            if (shape == null) {
                names.add(name);
                shape = new JsonShape();
                data.put(name, shape);
            }
            var json = Json.parse(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (json.isPresent()) {
                shape.add(json.get());
            } else {
                shape.addKind(event.data().isEmpty() ? JsonShape.EMPTY : JsonShape.TEXT); // "[DONE]"
            }
        }
        return new ResponseShape(response.status(), media, JsonShape.ofKind(EVENTS), List.copyOf(names), data);
    }

    public boolean isStream() {
        return eventNames != null;
    }

    private static JsonShape bodyShape(Body body) {
        if (body instanceof Body.JsonBody json) {
            return JsonShape.of(json.value());
        }
        if (body instanceof Body.TextBody) {
            return JsonShape.ofKind(JsonShape.TEXT);
        }
        return JsonShape.ofKind(body.isEmpty() ? JsonShape.EMPTY : JsonShape.BINARY);
    }

    /** {@code application/json; charset=utf-8} is {@code application/json}; none is {@code (none)}. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "(none)";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
