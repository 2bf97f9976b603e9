package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every text the proxy prints goes through on its way out (error bodies, log lines, the
 * report, metrics, command output): secret-shaped strings, found by the {@link SecretScanner}
 * rules, become their kind's prefix and a few characters, {@code sk-proj-Ab12…<redacted>}, so a
 * reader can still tell keys apart; values of credential query parameters ({@code ?key=…},
 * {@code &sig=…}) become {@code <redacted>}, as they are in cassettes, and so do passwords in URLs
 * ({@code http://user:<redacted>@proxy:3128}).
 */
public final class Masking {
    public static final String MARK = "…" + Redaction.REDACTED;

    private static final Pattern QUERY_VALUE = queryValuePattern();
    /** The password in a URL's user info ({@code http://user:password@host}); one already masked as *** stays. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@\"'<>]*:)(?!\\*+@)[^/\\s@\"'<>]+@");

    private Masking() {
    }

    /** {@code text} with every secret shape and credential query value masked; the same instance when there is none. */
    public static String text(String text) {
        if (text == null || text.length() < 4) {
            return text;
        }
        String out = text;
        if (SecretScanner.mayHold(text)) {
            for (SecretScanner.Rule rule : SecretScanner.RULES) {
                out = mask(out, rule);
            }
        }
        return maskUrlPasswords(maskQueryValues(out));
    }

    /** A copy of {@code node} with every string and field name masked; {@code node} itself when nothing needed it. */
    public static JsonNode json(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String masked = text(node.textValue());
            return masked == node.textValue() ? node : TextNode.valueOf(masked);
        }
        if (node.isObject()) {
            return object((ObjectNode) node);
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            List<JsonNode> items = new ArrayList<>(array.size());
            boolean changed = false;
            for (JsonNode item : array) {
                JsonNode masked = json(item);
                changed |= masked != item;
                items.add(masked);
            }
            return changed ? Json.array().addAll(items) : node;
        }
        return node;
    }

    /** {@link #json(JsonNode)} for an object, typed as one. */
    public static ObjectNode json(ObjectNode node) {
        return object(node);
    }

    private static ObjectNode object(ObjectNode node) {
        ObjectNode copy = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = text(field.getKey());
            JsonNode value = json(field.getValue());
            if (copy == null && (name != field.getKey() || value != field.getValue())) {
                copy = Json.object();
                for (Map.Entry<String, JsonNode> earlier : node.properties()) {
                    if (earlier.getKey().equals(field.getKey())) {
                        break;
                    }
                    copy.set(earlier.getKey(), earlier.getValue());
                }
            }
            if (copy != null) {
                copy.set(name, value);
            }
        }
        return copy != null ? copy : node;
    }

    private static String mask(String text, SecretScanner.Rule rule) {
        Matcher m = rule.shape().matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        do {
            String secret = m.group();
            Matcher prefix = rule.prefix().matcher(secret);
            int keep = prefix.lookingAt() ? prefix.end() : 0;
            keep = Math.min(secret.length(), keep + rule.shown());
            out.append(text, from, m.start()).append(secret, 0, keep).append(MARK);
            from = m.end();
        } while (m.find());
        return out.append(text, from, text.length()).toString();
    }

    private static String maskQueryValues(String text) {
        if (text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = QUERY_VALUE.matcher(text);
        return m.find() ? m.replaceAll("$1" + Matcher.quoteReplacement(Redaction.REDACTED)) : text;
    }

    private static String maskUrlPasswords(String text) {
        if (text.indexOf('@') < 0 || !text.contains("://")) {
            return text;
        }
        Matcher m = URL_PASSWORD.matcher(text);
        return m.find() ? m.replaceAll("$1" + Matcher.quoteReplacement(Redaction.REDACTED) + "@") : text;
    }

    /** {@code name=value} of a credential query parameter in a URL: after {@code ?} or {@code &} (not "key=" in prose). */
    private static Pattern queryValuePattern() {
        StringBuilder names = new StringBuilder();
        for (String name : Redaction.SECRET_QUERY_PARAMS) {
            names.append(names.length() == 0 ? "" : "|").append(Pattern.quote(name));
        }
        return Pattern.compile("(?i)((?<=[?&;])(?:" + names + ")=)[^&\\s#\"'<>]+");
    }
}
