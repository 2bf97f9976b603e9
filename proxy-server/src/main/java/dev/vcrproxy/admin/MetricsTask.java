package dev.vcrproxy.admin;

import dev.vcrproxy.cassette.Masking;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.mode.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code GET /__vcr/metrics}: the stats counts and the ledger in the Prometheus text format. */
final class MetricsTask implements AdminTask {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    public AdminResponse handle(AdminRequest request, AdminContext context) {
        StringBuilder out = new StringBuilder(1024);
        out.append("# HELP vcr_requests_total Requests answered by the proxy, by outcome.\n");
        out.append("# TYPE vcr_requests_total counter\n");
        context.stats().total().forEach((outcome, n) -> sample(out, "vcr_requests_total", null, outcome, n));
        out.append("# HELP vcr_cassette_requests_total Requests answered by the proxy, by cassette and outcome.\n");
        out.append("# TYPE vcr_cassette_requests_total counter\n");
        for (Map.Entry<String, Map<Outcome, Long>> cassette : context.stats().perCassette().entrySet()) {
            cassette.getValue().forEach((outcome, n) -> sample(out, "vcr_cassette_requests_total", cassette.getKey(), outcome, n));
        }
        LedgerMetrics.append(out, context.stats().ledger());
        out.append("# HELP vcr_faults_total Hits answered with an injected fault, by cassette.\n");
        out.append("# TYPE vcr_faults_total counter\n");
        context.faults().records().perCassette().forEach((cassette, n) ->
                out.append("vcr_faults_total{cassette=\"").append(escape(Masking.text(cassette))).append("\"} ").append(n).append('\n'));
        out.append("# HELP vcr_mode The current mode (1 for the active one).\n");
        out.append("# TYPE vcr_mode gauge\n");
        Mode current = context.state().mode();
        for (Mode mode : Mode.values()) {
            out.append("vcr_mode{mode=\"").append(mode.label()).append("\"} ").append(mode == current ? 1 : 0).append('\n');
        }
        return new AdminResponse(200, CONTENT_TYPE, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void sample(StringBuilder out, String metric, String cassette, Outcome outcome, long value) {
        out.append(metric).append('{');
        if (cassette != null) {
            out.append("cassette=\"").append(escape(Masking.text(cassette))).append("\",");
        }
        out.append("outcome=\"").append(outcome.statName()).append("\"} ").append(value).append('\n');
    }

    static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
