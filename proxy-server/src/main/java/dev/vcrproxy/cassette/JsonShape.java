package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of one or more JSON values: every path (array indices written {@code *}) with the
 * types seen there, e.g. {@code /choices/* /message/content -> string}. Values never matter, so two
 * answers of a model that differ only in text and numbers have one shape. A container that was
 * always empty ({@code []}, {@code {}}) is remembered: it says nothing about what its members look like.
 */
public final class JsonShape {
    /** Root type of a body that is not JSON. */
    public static final String TEXT = "text";
    public static final String BINARY = "binary";
    public static final String EMPTY = "empty";

    private final SortedMap<String, SortedSet<String>> types = new TreeMap<>();
    private final Set<String> containers = new HashSet<>();
    private final Set<String> filledContainers = new HashSet<>();

    /** The shape of one JSON value. */
    public static JsonShape of(JsonNode value) {
        JsonShape shape = new JsonShape();
        shape.add(value);
        return shape;
    }

    /** A body that is not a JSON value: only its kind. */
    public static JsonShape ofKind(String kind) {
        JsonShape shape = new JsonShape();
        shape.note("", kind);
        return shape;
    }

    /** Merges {@code value} into this shape (stream events of one name share a shape). */
    public void add(JsonNode value) {
        walk("", value);
    }

    /** Merges a non-JSON value of {@code kind} at the root. */
    public void addKind(String kind) {
        note("", kind);
    }

    private void walk(String path, JsonNode node) {
        note(path, typeOf(node));
        if (node.isObject()) {
            containers.add(path);
            if (!node.isEmpty()) {
                filledContainers.add(path);
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                walk(path + "/" + JsonPointer.escape(member.getKey()), member.getValue());
            }
        } else if (node.isArray()) {
            containers.add(path);
            if (!node.isEmpty()) {
                filledContainers.add(path);
            }
            for (JsonNode element : node) {
                walk(path + "/*", element);
            }
        }
    }

    private void note(String path, String type) {
        types.computeIfAbsent(path, p -> new TreeSet<>()).add(type);
    }

    static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }

    /** Every path with its types, in pointer order. */
    public SortedMap<String, SortedSet<String>> types() {
        return Collections.unmodifiableSortedMap(types);
    }

    /** The types at {@code path} joined with {@code |} ({@code null|string}), or null when the path is absent. */
    public String typeAt(String path) {
        SortedSet<String> at = types.get(path);
        return at == null ? null : String.join("|", at);
    }

    /**
     * True when a container above {@code path} was always empty here: the path's absence is then
     * no evidence ({@code "tool_calls": []} against a list of calls).
     */
    boolean underEmptyContainer(String path) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            String ancestor = path.substring(0, slash);
            if (containers.contains(ancestor) && !filledContainers.contains(ancestor)) {
                return true;
            }
        }
        return containers.contains("") && !filledContainers.contains("") && !path.isEmpty();
    }
}
