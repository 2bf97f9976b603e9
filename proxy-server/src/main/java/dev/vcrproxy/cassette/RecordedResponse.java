package dev.vcrproxy.cassette;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A response as stored and replayed: status, the headers worth replaying, and either a body or,
 * for a server-sent event stream, its events (then {@code events} is non-null and the body empty).
 */
public record RecordedResponse(int status, SortedMap<String, String> headers, Body body, List<StreamEvent> events) {
    public RecordedResponse {
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(headers));
        events = events == null ? null : List.copyOf(events);
    }

    public RecordedResponse(int status, SortedMap<String, String> headers, Body body) {
        this(status, headers, body, null);
    }

    public static RecordedResponse stream(int status, SortedMap<String, String> headers, List<StreamEvent> events) {
        return new RecordedResponse(status, headers, Body.EMPTY, events);
    }

    public boolean isStream() {
        return events != null;
    }

    public String contentType() {
        return headers.get("content-type");
    }
}
