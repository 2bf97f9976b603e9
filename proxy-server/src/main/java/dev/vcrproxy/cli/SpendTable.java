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
        StringBuilder budgets = new StringBuilder();
        budget(budgets, stats, "max_upstream_calls", "--max-upstream-calls", "upstream_calls");
        budget(budgets, stats, "max_upstream_tokens", "--max-upstream-tokens", "tokens_spent");
        if (budgets.length() > 0) {
            out.println("budgets:" + budgets + ", refused " + stats.path("budget_refusals").asLong());
        }
    }

    /** {@code  --max-upstream-calls 5 (2 used)} when that budget is set. */
    private static void budget(StringBuilder out, JsonNode stats, String name, String flag, String used) {
        JsonNode limit = stats.path("budgets").path(name);
        if (limit.isIntegralNumber()) {
            out.append(out.length() == 0 ? " " : ", ").append(flag).append(' ').append(limit.asLong())
                    .append(" (").append(stats.path(used).asLong()).append(" used)");
        }
    }

    private static void row(PrintWriter out, String name, JsonNode figures) {
        StringBuilder line = new StringBuilder(String.format("%-32s", name));
        COLUMNS.forEach(c -> line.append(String.format(" %" + c.length() + "d", figures.path(c).asLong())));
        line.append(String.format(" %11s", seconds(figures.path("time_saved_ms").asLong())));
        out.println(line);
    }

    /** {@code 93.5 s}: model time reads best in seconds. */
    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
