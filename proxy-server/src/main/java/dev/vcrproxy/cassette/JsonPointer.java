package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** An RFC 6901 JSON pointer ({@code /messages/0/content}, {@code ~0} for ~ and {@code ~1} for /). */
public record JsonPointer(String text, List<String> tokens) {

    public static JsonPointer parse(String text) {
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw new IllegalArgumentException("JSON pointer '" + text + "' must be empty or start with '/'");
        }
        List<String> tokens = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String raw : text.substring(1).split("/", -1)) {
                tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            }
        }
        return new JsonPointer(text, List.copyOf(tokens));
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Removes the pointed-to value from {@code root} in place; false when it is not there. */
    public boolean removeFrom(JsonNode root) {
        if (tokens.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (int i = 0; i < tokens.size() - 1 && parent != null; i++) {
            parent = child(parent, tokens.get(i));
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            return object.remove(last) != null;
        }
        if (parent instanceof ArrayNode array) {
            int index = index(last);
            if (index >= 0 && index < array.size()) {
                array.remove(index);
                return true;
            }
        }
        return false;
    }

    /** Replaces the pointed-to value in {@code root} in place; false when it is not there. */
    public boolean replaceIn(JsonNode root, JsonNode value) {
        if (tokens.isEmpty()) {
            return false;
        }
        JsonNode parent = root;
        for (int i = 0; i < tokens.size() - 1 && parent != null; i++) {
            parent = child(parent, tokens.get(i));
        }
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.set(last, value);
            return true;
        }
        if (parent instanceof ArrayNode array) {
            int index = index(last);
            if (index >= 0 && index < array.size()) {
                array.set(index, value);
                return true;
            }
        }
        return false;
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node.isObject()) {
            return node.get(token);
        }
        if (node.isArray()) {
            int index = index(token);
            return index >= 0 ? node.get(index) : null;
        }
        return null;
    }

    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)
                || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    @Override
    public String toString() {
        return text;
    }
}
