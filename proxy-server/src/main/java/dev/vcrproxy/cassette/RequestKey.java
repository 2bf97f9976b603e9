package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cassette key of a request: lower-case hex SHA-256 over a canonical form of method, the
 * path as the client sent it (route prefix and the path after it, however routes are set up), sorted query (minus ignored names), the matched headers and the body (RFC 8785 JSON after
 * ignored pointers are removed, sorted form parameters, form-data parts, or raw bytes).
 */
public final class RequestKey {
    private RequestKey() {
    }

    public static String of(RecordedRequest request, MatchRules rules) {
        MessageDigest sha = sha256();
        sha.update(canonicalHead(request, rules).getBytes(StandardCharsets.UTF_8));
        updateWithBody(sha, request.body(), request.contentType(), rules);
        return HexFormat.of().formatHex(sha.digest());
    }

    static String canonicalHead(RecordedRequest request, MatchRules rules) {
        StringBuilder out = new StringBuilder(128);
        out.append("vcr-key/1\n");
        out.append("method ").append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        out.append("path ").append(request.clientPath()).append('\n');
        for (Map.Entry<String, List<String>> param : request.query().entrySet()) {
            if (rules.ignoreQuery().contains(param.getKey())) {
                continue;
            }
            for (String value : param.getValue()) {
                out.append("query ").append(QueryString.encode(param.getKey()))
                        .append('=').append(QueryString.encode(value)).append('\n');
            }
        }
        for (String header : rules.matchHeaders()) {
            String value = request.headers().get(header);
            out.append("header ").append(header).append(value == null ? " (absent)" : ": " + value).append('\n');
        }
        return out.toString();
    }

    /** A body's part of the key: the kind of body and its canonical bytes. */
    private record Canonical(String kind, byte[] bytes) {
    }

    /** Feeds the body's part of the key: a line naming its kind, then its canonical bytes. */
    private static void updateWithBody(MessageDigest sha, Body body, String contentType, MatchRules rules) {
        if (body instanceof Body.MultipartBody multipart) {
            updateWithParts(sha, multipart, rules);
            return;
        }
        Canonical canonical = canonical(body, contentType, rules);
        sha.update(("body " + canonical.kind() + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(canonical.bytes());
    }

    /**
     * Form data by its parts in order, each keyed as a whole body would be; names and lengths are
     * written out so no two different sequences of parts feed the same bytes. The boundary is not
     * part of it.
     */
    private static void updateWithParts(MessageDigest sha, Body.MultipartBody multipart, MatchRules rules) {
        sha.update("body multipart\n".getBytes(StandardCharsets.UTF_8));
        for (MultipartPart part : multipart.parts()) {
            Canonical canonical = canonical(part.body(), part.contentType(), rules);
            StringBuilder head = new StringBuilder("part ");
            CanonicalJson.writeString(part.name(), head);
            head.append(" filename ");
            quotedOrNull(part.filename(), head);
            head.append(" content-type ");
            quotedOrNull(part.contentType(), head);
            head.append(" body ").append(canonical.kind()).append(' ').append(canonical.bytes().length).append('\n');
            sha.update(head.toString().getBytes(StandardCharsets.UTF_8));
            sha.update(canonical.bytes());
        }
    }

    private static void quotedOrNull(String value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.writeString(value, out);
        }
    }

    private static Canonical canonical(Body body, String contentType, MatchRules rules) {
        if (body instanceof Body.JsonBody json) {
            JsonNode value = json.value();
            if (!rules.ignoreJson().isEmpty()) {
                value = value.deepCopy();
                for (JsonPointer pointer : rules.ignoreJson()) {
                    pointer.removeFrom(value);
                }
            }
            return new Canonical("json", CanonicalJson.serialize(value).getBytes(StandardCharsets.UTF_8));
        } else if (body instanceof Body.TextBody text && isForm(contentType)) {
            return new Canonical("form", QueryString.canonical(text.text()).getBytes(StandardCharsets.UTF_8));
        } else if (body.isEmpty()) {
            return new Canonical("none", new byte[0]);
        }
        return new Canonical("bytes", body.bytes());
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
