package dev.vcrproxy.forward;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hosts named by {@code --intercept}: exact names ({@code api.openai.com}) or a leading
 * wildcard ({@code *.modal.run}, which matches {@code a.modal.run} and {@code a.b.modal.run} but
 * not {@code modal.run}). Names compare case-insensitively, a trailing dot ignored.
 */
public record InterceptRules(List<String> patterns) {
    public static final InterceptRules NONE = new InterceptRules(List.of());

    public InterceptRules {
        patterns = List.copyOf(patterns);
    }

    /** From the flag's values, each possibly a comma-separated list. */
    public static InterceptRules parse(List<String> values) {
        List<String> patterns = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String pattern = normalize(part);
                if (pattern.isEmpty()) {
                    continue;
                }
                String rest = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
                if (rest.isEmpty() || rest.contains("*") || rest.contains("/") || rest.chars().filter(c -> c == ':').count() == 1) {
                    throw new IllegalArgumentException("--intercept '" + part.trim()
                            + "' must be a host name, optionally starting with '*.' (e.g. api.openai.com or *.modal.run)");
                }
                patterns.add(pattern);
            }
        }
        return new InterceptRules(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public boolean matches(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = normalize(host);
        for (String pattern : patterns) {
            if (pattern.startsWith("*.")
                    ? name.endsWith(pattern.substring(1)) && name.length() > pattern.length() - 1
                    : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
