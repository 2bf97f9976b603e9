package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Miss diagnostics: the structural differences between a request and a recording, under the
 * same match rules as the key. The distance is the number of differences, which makes finding
 * the closest recording linear in the size of the bodies, never a string edit distance.
 */
public final class RequestDiff {
    static final int MAX_SHOWN_STRING = 120;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestDiff() {
    }

    /** The recording among {@code candidates} with the fewest differences, and those differences. */
    public record Closest(Interaction interaction, List<Difference> differences) {
    }

    public static Closest closest(RecordedRequest actual, List<Interaction> candidates, MatchRules rules) {
        Closest best = null;
        for (Interaction candidate : candidates) {
            List<Difference> differences = differences(candidate.request(), actual, rules);
            if (best == null || differences.size() < best.differences().size()) {
                best = new Closest(candidate, differences);
            }
        }
        return best;
    }

    public static List<Difference> differences(RecordedRequest recorded, RecordedRequest actual, MatchRules rules) {
        List<Difference> out = new ArrayList<>();
        scalar(out, "method", recorded.method(), actual.method());
        scalar(out, "path", recorded.clientPath(), actual.clientPath());
        Set<String> names = new TreeSet<>(recorded.query().keySet());
        names.addAll(actual.query().keySet());
        for (String name : names) {
            if (!rules.ignoreQuery().contains(name)) {
                List<String> r = recorded.query().get(name);
                List<String> a = actual.query().get(name);
                if (!Objects.equals(r, a)) {
                    boolean secret = Redaction.isSecretQueryParam(name);
                    out.add(new Difference("query", "/" + JsonPointer.escape(name),
                            values(secret ? Redaction.hidden(r) : r), values(secret ? Redaction.hidden(a) : a)));
                }
            }
        }
        for (String header : rules.matchHeaders()) {
            String r = recorded.headers().get(header);
            String a = actual.headers().get(header);
            if (!Objects.equals(r, a)) {
                out.add(new Difference("header", "/" + header, text(r), text(a)));
            }
        }
        body(out, recorded.body(), actual.body(), rules);
        return out;
    }

    private static void scalar(List<Difference> out, String field, String recorded, String actual) {
        if (!recorded.equals(actual)) {
            out.add(new Difference(field, "", text(recorded), text(actual)));
        }
    }

    private static void body(List<Difference> out, Body recorded, Body actual, MatchRules rules) {
        if (recorded instanceof Body.JsonBody r && actual instanceof Body.JsonBody a) {
            json(out, "body", "", withoutIgnored(r.value(), rules), withoutIgnored(a.value(), rules));
        } else if (recorded instanceof Body.MultipartBody r && actual instanceof Body.MultipartBody a) {
            MultipartDiff.parts(out, r.parts(), a.parts(), rules);
        } else if (!recorded.equals(actual)) {
            out.add(new Difference("body", "", summary(recorded), summary(actual)));
        }
    }

    static JsonNode withoutIgnored(JsonNode value, MatchRules rules) {
        if (rules.ignoreJson().isEmpty()) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        rules.ignoreJson().forEach(p -> p.removeFrom(copy));
        return copy;
    }

    /** Differences of two JSON values, reported under {@code field} (body, or multipart for a part). */
    static void json(List<Difference> out, String field, String pointer, JsonNode recorded, JsonNode actual) {
        if (recorded.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            recorded.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + JsonPointer.escape(name);
                JsonNode r = recorded.get(name);
                JsonNode a = actual.get(name);
                if (r == null || a == null) {
                    out.add(new Difference(field, child, shown(r), shown(a)));
                } else {
                    json(out, field, child, r, a);
                }
            }
        } else if (recorded.isArray() && actual.isArray()) {
            int common = Math.min(recorded.size(), actual.size());
            for (int i = 0; i < common; i++) {
                json(out, field, pointer + "/" + i, recorded.get(i), actual.get(i));
            }
            for (int i = common; i < Math.max(recorded.size(), actual.size()); i++) {
                out.add(new Difference(field, pointer + "/" + i, shown(recorded.get(i)), shown(actual.get(i))));
            }
        } else if (!sameValue(recorded, actual)) {
            out.add(new Difference(field, pointer, shown(recorded), shown(actual)));
        }
    }

    private static boolean sameValue(JsonNode recorded, JsonNode actual) {
        if (recorded.isNumber() && actual.isNumber()) {
            return CanonicalJson.number(recorded).equals(CanonicalJson.number(actual));
        }
        return recorded.equals(actual);
    }

    /** Long strings shortened with their length, so a diagnostic stays readable. */
    static JsonNode shown(JsonNode value) {
        if (value != null && value.isTextual() && value.textValue().length() > MAX_SHOWN_STRING) {
            return text(shorten(value.textValue()));
        }
        if (value != null && (value.isContainerNode())) {
            String compact = Json.compact(value);
            return compact.length() > MAX_SHOWN_STRING ? text(shorten(compact)) : value;
        }
        return value;
    }

    /** Masked before it is cut, so a cut never leaves the start of a key that masking would no longer see. */
    private static String shorten(String full) {
        String text = Masking.text(full);
        if (text.length() <= MAX_SHOWN_STRING) {
            return text;
        }
        return text.substring(0, MAX_SHOWN_STRING) + "… (" + full.length() + " chars)";
    }

    private static JsonNode summary(Body body) {
        if (body.isEmpty()) {
            return null;
        }
        if (body instanceof Body.MultipartBody multipart) {
            return text("<multipart: " + multipart.parts().size() + " part(s)>");
        }
        if (body instanceof Body.JsonBody json) {
            return shown(json.value());
        }
        if (body instanceof Body.TextBody text) {
            return shown(text(text.text()));
        }
        return text("<" + body.bytes().length + " bytes>");
    }

    private static JsonNode values(List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() == 1) {
            return text(values.get(0));
        }
        var array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }
}
