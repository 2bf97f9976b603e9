package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The part of {@code status} that shows what went upstream and what replay saved, and the budgets. */
final class SpendTable {
    private static final List<String> COLUMNS = List.of("upstream_calls", "tokens_spent", "calls_saved", "tokens_saved");

    private SpendTable() {
    }

    static void print(PrintWriter out, JsonNode stats) {
        StringBuilder header = new StringBuilder(String.format("%-32s", "cassette"));
        COLUMNS.forEach(c -> header.append(' ').append(c));
        header.append("  time_saved");
        out.println();
        out.println(header);
        row(out, "(all)", stats);
        for (Map.Entry<String, JsonNode> cassette : stats.path("cassettes").properties()) {
            row(out, cassette.getKey(), cassette.getValue());
        }
        JsonNode budgets = stats.path("budgets");
        if (budgets.isObject() && (!budgets.path("max_upstream_calls").isNull() || !budgets.path("max_upstream_tokens").isNull())) {
            out.printf("budgets: --max-upstream-calls %s (%d used), --max-upstream-tokens %s (%d used)%n",
                    limit(budgets.path("max_upstream_calls")), stats.path("upstream_calls").asLong(),
                    limit(budgets.path("max_upstream_tokens")), stats.path("tokens_spent").asLong());
        }
    }

    private static void row(PrintWriter out, String name, JsonNode figures) {
        StringBuilder line = new StringBuilder(String.format("%-32s", name));
        COLUMNS.forEach(c -> line.append(String.format(" %" + c.length() + "d", figures.path(c).asLong())));
        line.append(String.format(" %11s", seconds(figures.path("time_saved_ms").asLong())));
        out.println(line);
    }

    private static String limit(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "none" : value.asText();
    }

    /** {@code 93.5 s}: model time reads best in seconds. */
    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
