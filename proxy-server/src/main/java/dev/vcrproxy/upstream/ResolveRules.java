package dev.vcrproxy.upstream;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --resolve HOST:PORT=ADDR:PORT}, as curl's {@code --resolve} but to an address and port:
 * the upstream connection for HOST:PORT goes to ADDR:PORT, while SNI, hostname verification and
 * the Host header still name HOST. For stand-ins in tests and split-horizon networks.
 */
public record ResolveRules(Map<String, InetSocketAddress> byHostPort) {
    public static final ResolveRules NONE = new ResolveRules(Map.of());

    public ResolveRules {
        byHostPort = Map.copyOf(byHostPort);
    }

    /** From the flag's values, each possibly a comma-separated list. */
    public static ResolveRules parse(List<String> values) {
        Map<String, InetSocketAddress> rules = new LinkedHashMap<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw bad(part);
                }
                String[] from = hostPort(part.substring(0, eq), part);
                String[] to = hostPort(part.substring(eq + 1), part);
                rules.put(key(from[0], Integer.parseInt(from[1])),
                        InetSocketAddress.createUnresolved(to[0], Integer.parseInt(to[1])));
            }
        }
        return new ResolveRules(rules);
    }

    /** Where to connect for {@code host}:{@code port}. */
    public InetSocketAddress addressOf(String host, int port) {
        InetSocketAddress to = byHostPort.get(key(host, port));
        return to != null ? to : InetSocketAddress.createUnresolved(host, port);
    }

    private static String key(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + " " + port;
    }

    private static String[] hostPort(String text, String rule) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1 || t.endsWith("]")) {
            throw bad(rule);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(t.substring(colon + 1));
            if (port <= 0 || port > 65535) {
                throw bad(rule);
            }
            return new String[] {host, Integer.toString(port)};
        } catch (NumberFormatException e) {
            throw bad(rule);
        }
    }

    private static IllegalArgumentException bad(String rule) {
        return new IllegalArgumentException("--resolve '" + rule.trim()
                + "' must look like HOST:PORT=ADDR:PORT (e.g. api.openai.com:443=127.0.0.1:8443)");
    }
}
