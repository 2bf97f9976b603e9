package dev.vcrproxy.cassette;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** A response as stored and replayed: status, the headers worth replaying, and the body. */
public record RecordedResponse(int status, SortedMap<String, String> headers, Body body) {
    public RecordedResponse {
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(headers));
    }

    public String contentType() {
        return headers.get("content-type");
    }
}
