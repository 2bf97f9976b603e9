package dev.vcrproxy.cassette;

import java.util.List;
import java.util.Map;

/**
 * A request as it reached the proxy, after cassette selection and routing: method, the route
 * prefix it matched, the path after that prefix, the raw query, its headers (lower-case names,
 * in arrival order, repeats kept) and the body bytes.
 */
public record IncomingRequest(String method, String route, String path, String rawQuery,
                              List<Map.Entry<String, String>> headers, byte[] body) {
    public IncomingRequest {
        headers = List.copyOf(headers);
    }

    public String header(String lowerCaseName) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equals(lowerCaseName)) {
                return header.getValue();
            }
        }
        return null;
    }
}
