package dev.vcrproxy.cassette;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A request as keyed and stored: the route prefix it matched, the path after that prefix, the
 * query (sorted, secret values redacted), the headers kept for the cassette, and the body.
 */
public record RecordedRequest(String method, String route, String path,
                              SortedMap<String, List<String>> query,
                              SortedMap<String, String> headers,
                              Body body) {
    public RecordedRequest {
        query = Collections.unmodifiableSortedMap(new TreeMap<>(query));
        headers = Collections.unmodifiableSortedMap(new TreeMap<>(headers));
    }

    /**
     * The path the client sent: route prefix and the path after it. Keys use this, so a cassette
     * recorded through {@code --route /generate=URL} replays on a proxy with no routes at all.
     */
    public String clientPath() {
        if (route.equals("/")) {
            return path;
        }
        return path.equals("/") ? route : route + path;
    }

    public String contentType() {
        return headers.get("content-type");
    }

    public static SortedMap<String, String> headers(Map<String, String> headers) {
        return new TreeMap<>(headers);
    }
}
