package dev.vcrproxy.cassette;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Query strings and form bodies: parsed into sorted name → values, and written back canonically. */
public final class QueryString {
    private QueryString() {
    }

    public static SortedMap<String, List<String>> parse(String raw) {
        SortedMap<String, List<String>> params = new TreeMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** Parameters sorted by name, then value, re-encoded: the same form however it was spelled. */
    public static String canonical(String raw) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> param : parse(raw).entrySet()) {
            List<String> values = new ArrayList<>(param.getValue());
            values.sort(null);
            for (String value : values) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(encode(param.getKey())).append('=').append(encode(value));
            }
        }
        return out.toString();
    }

    /** The query string for {@code params}, in their order, or "" when there are none. */
    public static String format(Map<String, List<String>> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        }));
        return out.toString();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // a stray '%' stays as written
        }
    }
}
