package dev.vcrproxy.admin;

import dev.vcrproxy.mode.Budgets;
import dev.vcrproxy.mode.Ledger;

import java.util.Map;

/**
 * The ledger in the Prometheus text format: {@code vcr_upstream_calls_total}, {@code vcr_calls_saved_total},
 * {@code vcr_tokens_total{kind="spent"|"saved"}}, {@code vcr_time_saved_seconds_total}, the same per
 * cassette as {@code vcr_cassette_…}, and the budgets that are set as {@code vcr_budget_limit}.
 */
final class LedgerMetrics {
    private LedgerMetrics() {
    }

    static void append(StringBuilder out, Ledger ledger) {
        Ledger.Figures total = ledger.total();
        Map<String, Ledger.Figures> perCassette = ledger.perCassette();
        header(out, "vcr_upstream_calls_total", "counter", "Calls that went upstream in this run.");
        out.append("vcr_upstream_calls_total ").append(total.upstreamCalls()).append('\n');
        header(out, "vcr_calls_saved_total", "counter", "Calls answered from a recording instead of going upstream.");
        out.append("vcr_calls_saved_total ").append(total.callsSaved()).append('\n');
        header(out, "vcr_tokens_total", "counter",
                "Tokens upstream answers reported: spent by calls in this run, saved by replaying recordings.");
        out.append("vcr_tokens_total{kind=\"spent\"} ").append(total.tokensSpent()).append('\n');
        out.append("vcr_tokens_total{kind=\"saved\"} ").append(total.tokensSaved()).append('\n');
        header(out, "vcr_time_saved_seconds_total", "counter", "Model time saved by replay: the served recordings' durations.");
        out.append("vcr_time_saved_seconds_total ").append(seconds(total.timeSavedMs())).append('\n');

        header(out, "vcr_cassette_upstream_calls_total", "counter", "Calls that went upstream in this run, by cassette.");
        perCassette.forEach((name, f) -> sample(out, "vcr_cassette_upstream_calls_total", name, null, String.valueOf(f.upstreamCalls())));
        header(out, "vcr_cassette_calls_saved_total", "counter", "Calls answered from a recording, by cassette.");
        perCassette.forEach((name, f) -> sample(out, "vcr_cassette_calls_saved_total", name, null, String.valueOf(f.callsSaved())));
        header(out, "vcr_cassette_tokens_total", "counter", "Tokens spent and saved, by cassette.");
        perCassette.forEach((name, f) -> {
            sample(out, "vcr_cassette_tokens_total", name, "spent", String.valueOf(f.tokensSpent()));
            sample(out, "vcr_cassette_tokens_total", name, "saved", String.valueOf(f.tokensSaved()));
        });
        header(out, "vcr_cassette_time_saved_seconds_total", "counter", "Model time saved by replay, by cassette.");
        perCassette.forEach((name, f) -> sample(out, "vcr_cassette_time_saved_seconds_total", name, null, seconds(f.timeSavedMs())));

        Budgets budgets = ledger.budgets();
        header(out, "vcr_budget_limit", "gauge", "Spend budgets set for this run (--max-upstream-calls, --max-upstream-tokens).");
        if (budgets.maxUpstreamCalls() != null) {
            out.append("vcr_budget_limit{budget=\"").append(Budgets.Kind.CALLS.statName).append("\"} ")
                    .append(budgets.maxUpstreamCalls()).append('\n');
        }
        if (budgets.maxUpstreamTokens() != null) {
            out.append("vcr_budget_limit{budget=\"").append(Budgets.Kind.TOKENS.statName).append("\"} ")
                    .append(budgets.maxUpstreamTokens()).append('\n');
        }
    }

    private static void header(StringBuilder out, String metric, String type, String help) {
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String metric, String cassette, String kind, String value) {
        out.append(metric).append("{cassette=\"").append(MetricsTask.escape(cassette)).append('"');
        if (kind != null) {
            out.append(",kind=\"").append(kind).append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }
}
