package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What never reaches a cassette: credentials in request headers and query values (kept as
 * {@code "<redacted>"} so a reader sees they were sent), response cookies, hop-by-hop and
 * per-request headers (which would make every re-recording a diff).
 */
public final class Redaction {
    public static final String REDACTED = "<redacted>";

    public static final Set<String> SECRET_REQUEST_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "x-api-key", "api-key",
            "x-goog-api-key", "modal-key", "modal-secret");
    /** Compared without regard to case: {@code X-Amz-Signature} and {@code x-amz-signature} are one parameter. */
    public static final Set<String> SECRET_QUERY_PARAMS = Set.of("key", "api_key", "api-key", "apikey", "access_token",
            "token", "x-amz-signature", "x-amz-security-token", "sig", "signature");
    public static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /** Response headers not replayed: framing is recomputed, cookies are secrets, the rest change per call. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of(
            "set-cookie", "set-cookie2", "content-length", "content-encoding", "date", "age", "expires",
            "x-request-id", "request-id", "x-amzn-requestid", "x-amz-cf-id", "cf-ray", "x-cloud-trace-context",
            "server-timing", "x-envoy-upstream-service-time", "openai-processing-ms", "modal-function-call-id",
            "alt-svc", "via");

    private Redaction() {
    }

    /**
     * The request as stored: query secrets redacted; only the content type, the matched headers
     * and (redacted) credentials headers kept.
     */
    public static RecordedRequest record(IncomingRequest in, MatchRules rules) {
        SortedMap<String, List<String>> query = new TreeMap<>();
        QueryString.parse(in.rawQuery()).forEach((name, values) -> query.put(name,
                isSecretQueryParam(name) ? values.stream().map(v -> REDACTED).toList() : values));
        SortedMap<String, String> headers = keptHeaders(in.headers(), rules);
        String contentType = headers.get("content-type");
        Body body = Multipart.parse(in.body(), contentType).<Body>map(Body.MultipartBody::new)
                .orElseGet(() -> Body.of(in.body(), contentType));
        if (body instanceof Body.MultipartBody) {
            // the boundary is random per upload: stored, it would make every re-recording a diff
            headers.put("content-type", Multipart.withoutBoundary(contentType));
        }
        body = redactJson(body, rules);
        return new RecordedRequest(in.method(), in.route(), in.path(), query, headers, body);
    }

    public static boolean isSecretQueryParam(String name) {
        return SECRET_QUERY_PARAMS.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Credential query values as they may be shown: redacted, and one a cassette holds in the clear
     * (recorded before its name was redacted) marked so, which explains why it no longer matches.
     */
    public static List<String> hidden(List<String> values) {
        return values == null ? null : values.stream()
                .map(v -> v.equals(REDACTED) ? v : "<redacted: in the cassette in the clear; re-record it>").toList();
    }

    /** A stored request as JSON (a miss shows its closest) with credential query values {@link #hidden}. */
    public static ObjectNode hidden(ObjectNode request) {
        if (!request.path("query").isObject()) {
            return request;
        }
        ObjectNode shown = request.deepCopy();
        ObjectNode query = (ObjectNode) shown.get("query");
        for (Map.Entry<String, JsonNode> param : List.copyOf(query.properties())) {
            if (isSecretQueryParam(param.getKey())) {
                JsonNode value = param.getValue();
                List<String> values = new ArrayList<>();
                (value.isArray() ? value : Json.array().add(value)).forEach(v -> values.add(v.asText()));
                ArrayNode hidden = Json.array();
                hidden(values).forEach(hidden::add);
                query.set(param.getKey(), hidden.size() == 1 ? hidden.get(0) : hidden);
            }
        }
        return shown;
    }

    /** The request headers a cassette keeps: content type, matched headers, and credentials as {@code "<redacted>"}. */
    public static SortedMap<String, String> keptHeaders(List<Map.Entry<String, String>> headers, MatchRules rules) {
        SortedMap<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            boolean secret = SECRET_REQUEST_HEADERS.contains(name) || rules.redactHeaders().contains(name);
            if (name.equals("content-type") || rules.matchHeaders().contains(name) || secret) {
                String value = secret ? REDACTED : header.getValue();
                kept.merge(name, value, (a, b) -> a.equals(REDACTED) ? a : a + ", " + b);
            }
        }
        return kept;
    }

    /** A JSON body (or JSON form-data part) with the values at {@code --redact-json} pointers replaced by {@code "<redacted>"}. */
    public static Body redactJson(Body body, MatchRules rules) {
        if (body instanceof Body.MultipartBody multipart && !rules.redactJson().isEmpty()) {
            return multipart.mapBodies(part -> redactJson(part, rules));
        }
        if (rules.redactJson().isEmpty() || !(body instanceof Body.JsonBody json)) {
            return body;
        }
        com.fasterxml.jackson.databind.JsonNode copy = json.value().deepCopy();
        boolean changed = false;
        for (JsonPointer pointer : rules.redactJson()) {
            changed |= pointer.replaceIn(copy, com.fasterxml.jackson.databind.node.TextNode.valueOf(REDACTED));
        }
        return changed ? new Body.JsonBody(copy) : body;
    }

    /** The response headers worth replaying, repeats joined with ", ", {@code --redact-header} ones redacted. */
    public static SortedMap<String, String> responseHeaders(List<Map.Entry<String, String>> headers, MatchRules rules) {
        SortedMap<String, String> kept = new TreeMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (!HOP_BY_HOP.contains(name) && !DROPPED_RESPONSE_HEADERS.contains(name) && !name.startsWith("x-vcr-")) {
                String value = rules.redactHeaders().contains(name) ? REDACTED : header.getValue();
                kept.merge(name, value, (a, b) -> a.equals(REDACTED) ? a : a + ", " + b);
            }
        }
        return kept;
    }

    /** Headers from {@code headers} that may be forwarded upstream (hop-by-hop and ours removed). */
    public static List<Map.Entry<String, String>> forwardable(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-vcr-") && !name.equals("host")
                    && !name.equals("content-length")) {
                out.add(header);
            }
        }
        return out;
    }
}
