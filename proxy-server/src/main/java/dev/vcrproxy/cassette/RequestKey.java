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
 * ignored pointers are removed, sorted form parameters, or raw bytes).
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

    private static final byte[] RAW_HEAD = "body bytes\n".getBytes(StandardCharsets.UTF_8);

    /** Feeds the body's part of the key: a line naming its kind, then its canonical bytes. */
    private static void updateWithBody(MessageDigest sha, Body body, String contentType, MatchRules rules) {
        if (body instanceof Body.JsonBody json) {
            JsonNode value = json.value();
            if (!rules.ignoreJson().isEmpty()) {
                value = value.deepCopy();
                for (JsonPointer pointer : rules.ignoreJson()) {
                    pointer.removeFrom(value);
                }
            }
            sha.update(("body json\n" + CanonicalJson.serialize(value)).getBytes(StandardCharsets.UTF_8));
        } else if (body instanceof Body.TextBody text && isForm(contentType)) {
            sha.update(("body form\n" + QueryString.canonical(text.text())).getBytes(StandardCharsets.UTF_8));
        } else if (body.isEmpty()) {
            sha.update("body none\n".getBytes(StandardCharsets.UTF_8));
        } else {
            sha.update(RAW_HEAD);
            sha.update(body.bytes());
        }
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
