package dev.vcrproxy.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code NO_PROXY} list, read as curl and Python read it: comma-separated entries, {@code *}
 * for every host, a name for that host and every host under it ({@code example.com} and
 * {@code .example.com} both match {@code example.com} and {@code api.example.com}), an IP address
 * literally, and {@code host:port} for that port only. No DNS look-ups and no CIDR ranges.
 */
public record NoProxy(List<String> entries) {
    public static final NoProxy NONE = new NoProxy(List.of());

    public NoProxy {
        entries = List.copyOf(entries);
    }

    public static NoProxy parse(String value) {
        if (value == null) {
            return NONE;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return new NoProxy(entries);
    }

    /** Whether {@code host} (a name or an IP literal, IPv6 with or without brackets) on {@code port} goes direct. */
    public boolean bypasses(String host, int port) {
        String h = normalizeHost(host);
        for (String entry : entries) {
            if (entry.equals("*")) {
                return true;
            }
            String name = entry;
            int entryPort = -1;
            int colon = entry.lastIndexOf(':');
            boolean bracketed = entry.startsWith("[");
            // host:port, [v6]:port; a bare IPv6 address has several colons and no port
            if (colon > 0 && (bracketed ? entry.charAt(colon - 1) == ']' : entry.indexOf(':') == colon)) {
                try {
                    entryPort = Integer.parseInt(entry.substring(colon + 1));
                    name = entry.substring(0, colon);
                } catch (NumberFormatException e) {
                    continue; // not an entry we understand: it matches nothing
                }
            }
            name = normalizeHost(name);
            while (name.startsWith(".")) {
                name = name.substring(1);
            }
            if (name.isEmpty() || (entryPort >= 0 && entryPort != port)) {
                continue;
            }
            if (h.equals(name) || h.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
