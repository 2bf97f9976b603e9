package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.admin.RunReport;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cli.CheckCommand.Kind;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How {@code check} prints its result: text for a terminal, markdown for a pull request, JSON for scripts. */
final class CheckOutput {
    /** Misses and drift listed one by one at most; the report holds them all. */
    static final int LISTED = 20;

    private CheckOutput() {
    }

    static void text(CheckResult result, String from, PrintWriter out) {
        RunReport report = result.report();
        out.println("vcr-proxy check: " + (result.passed() ? "passed" : "FAILED: " + result.failingText())
                + " (--fail-on " + failOn(result) + ")");
        out.println("report " + from + (report.mode().isEmpty() ? "" : ", mode " + report.mode()));
        out.println(figures(result).entrySet().stream().filter(e -> !SPEND.contains(e.getKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        String saved = spend(report);
        if (!saved.isEmpty()) {
            out.println(saved);
        }
        List<RunReport.MissEntry> misses = misses(report);
        if (!misses.isEmpty()) {
            out.println();
            out.println(plural(result.found().get(Kind.MISS), "miss", "misses") + ":");
            forEachListed(allMisses(report), out, (cassette, miss) -> {
                out.println("  " + cassette + ": " + miss.request() + " (key " + shortKey(miss.key()) + ")");
                miss.differences().forEach(d -> out.println("    " + difference(d)));
            });
        }
        if (!report.drift().isEmpty()) {
            out.println();
            out.println(report.drift().size() + " drifted:");
            forEachListed(drift(report), out, (cassette, d) -> {
                out.println("  " + cassette + ": " + d.requestLine() + " (key " + shortKey(d.key()) + " seq " + d.seq() + ")");
                d.changes().forEach(c -> out.println("    " + c.describe()));
            });
        }
        long unused = CheckResult.unusedRecordings(report);
        if (unused > 0) {
            out.println();
            out.println(plural(unused, "unused recording", "unused recordings") + ": " + report.cassettes().stream()
                    .filter(c -> !c.unusedKeys().isEmpty()).map(c -> c.name() + " " + c.unusedKeys().size())
                    .collect(Collectors.joining(", ")) + " (remove them with: vcr-proxy cassettes prune --report FILE)");
        }
        if (!report.unusedCassettes().isEmpty()) {
            out.println(plural(report.unusedCassettes().size(), "unused cassette file", "unused cassette files") + ": "
                    + String.join(", ", report.unusedCassettes()));
        }
        report.cassettes().stream().filter(c -> c.error() != null)
                .forEach(c -> out.println("cassette " + c.name() + ": " + c.error()));
    }

    static void markdown(CheckResult result, PrintWriter out) {
        RunReport report = result.report();
        out.println("### vcr-proxy check: " + (result.passed() ? "passed" : "failed, " + result.failingText()));
        out.println();
        Map<String, String> figures = figures(result);
        out.println("| " + String.join(" | ", figures.keySet()) + " |");
        out.println("|" + "---:|".repeat(figures.size()));
        out.println("| " + String.join(" | ", figures.values()) + " |");
        if (!misses(report).isEmpty()) {
            out.println();
            out.println("**Misses** (no recording; the closest recording differs in):");
            out.println();
            forEachListed(allMisses(report), out, (cassette, miss) -> {
                out.println("- `" + cassette + "` `" + miss.request() + "` (key `" + shortKey(miss.key()) + "`)");
                miss.differences().forEach(d -> out.println("  - " + code(difference(d))));
            });
        }
        if (!report.drift().isEmpty()) {
            out.println();
            out.println("**Drift** (the live answer's shape differs from the recording):");
            out.println();
            forEachListed(drift(report), out, (cassette, d) -> {
                out.println("- `" + cassette + "` `" + d.requestLine() + "` (key `" + shortKey(d.key()) + "` seq " + d.seq() + ")");
                d.changes().forEach(c -> out.println("  - " + code(c.describe())));
            });
        }
        if (!report.unusedCassettes().isEmpty()) {
            out.println();
            out.println("**Unused cassette files:** " + report.unusedCassettes().stream().map(n -> "`" + n + "`")
                    .collect(Collectors.joining(", ")));
        }
    }

    static ObjectNode json(CheckResult result) {
        RunReport report = result.report();
        ObjectNode root = Json.object();
        root.put("passed", result.passed());
        result.failing().forEach(k -> root.withArray("failing").add(k.name().toLowerCase(Locale.ROOT)));
        root.withArray("failing");
        ObjectNode found = root.putObject("found");
        result.found().forEach((kind, n) -> found.put(kind.name().toLowerCase(Locale.ROOT), n));
        ObjectNode totals = root.putObject("totals");
        report.totals().forEach(totals::put);
        ArrayNode misses = root.putArray("misses");
        for (RunReport.CassetteRun cassette : report.cassettes()) {
            for (RunReport.MissEntry miss : cassette.misses()) {
                ObjectNode item = misses.addObject().put("cassette", cassette.name()).put("request", miss.request())
                        .put("key", miss.key());
                miss.differences().forEach(item.putArray("differences")::add);
            }
        }
        ArrayNode drift = root.putArray("drift");
        report.drift().forEach(d -> {
            ObjectNode item = drift.addObject().put("cassette", d.cassette()).put("request", d.requestLine())
                    .put("key", d.key()).put("seq", d.seq());
            d.changes().forEach(c -> item.withArray("changes").add(c.describe()));
        });
        ObjectNode unused = root.putObject("unused_keys");
        report.cassettes().stream().filter(c -> !c.unusedKeys().isEmpty())
                .forEach(c -> c.unusedKeys().forEach(unused.withArray(c.name())::add));
        report.unusedCassettes().forEach(root.withArray("unused_cassettes")::add);
        return root;
    }

    private static final java.util.Set<String> SPEND =
            java.util.Set.of("calls saved", "tokens saved", "model time saved", "upstream calls", "tokens spent");

    /** {@code saved 12 calls, 9,812 tokens, 6 min 12 s of model time; spent 0 upstream calls, 0 tokens}, as far as reported. */
    private static String spend(RunReport report) {
        List<String> saved = new ArrayList<>();
        if (report.total("calls_saved") != null) {
            saved.add(number(report.total("calls_saved")) + (report.total("calls_saved") == 1 ? " call" : " calls"));
        }
        if (report.total("tokens_saved") != null) {
            saved.add(number(report.total("tokens_saved")) + " tokens");
        }
        if (report.total("time_saved_ms") != null) {
            saved.add(duration(report.total("time_saved_ms")) + " of model time");
        }
        List<String> spent = new ArrayList<>();
        if (report.total("upstream_calls") != null) {
            spent.add(number(report.total("upstream_calls")) + (report.total("upstream_calls") == 1 ? " upstream call" : " upstream calls"));
        }
        if (report.total("tokens_spent") != null) {
            spent.add(number(report.total("tokens_spent")) + " tokens");
        }
        String line = saved.isEmpty() ? "" : "saved " + String.join(", ", saved);
        if (!spent.isEmpty()) {
            line += (line.isEmpty() ? "" : "; ") + "spent " + String.join(", ", spent);
        }
        return line;
    }

    /** The short table: what the run did, what it saved when the report says, in reading order. */
    private static Map<String, String> figures(CheckResult result) {
        RunReport report = result.report();
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("replayed", number(report.count("hits")));
        figures.put("recorded", number(report.count("recorded")));
        figures.put("passed through", number(report.count("passthrough")));
        figures.put("misses", number(report.count("misses")));
        if (report.mode().equals("verify") || report.count("verified") + report.count("drifted") > 0) {
            figures.put("verified", number(report.count("verified")));
            figures.put("drifted", number(result.found().get(Kind.DRIFT)));
        }
        figures.put("upstream errors", number(report.count("upstream_errors")));
        figures.put("unused", number(result.found().get(Kind.UNUSED)));
        optional(figures, "calls saved", report.total("calls_saved"));
        optional(figures, "tokens saved", report.total("tokens_saved"));
        if (report.total("time_saved_ms") != null) {
            figures.put("model time saved", duration(report.total("time_saved_ms")));
        }
        optional(figures, "upstream calls", report.total("upstream_calls"));
        optional(figures, "tokens spent", report.total("tokens_spent"));
        return figures;
    }

    private static void optional(Map<String, String> figures, String name, Long value) {
        if (value != null) {
            figures.put(name, number(value));
        }
    }

    private interface Item<T> {
        void print(String cassette, T item);
    }

    private static <T> void forEachListed(List<Map.Entry<String, T>> items, PrintWriter out, Item<T> print) {
        items.stream().limit(LISTED).forEach(e -> print.print(e.getKey(), e.getValue()));
        if (items.size() > LISTED) {
            out.println("  … and " + (items.size() - LISTED) + " more in the report");
        }
    }

    private static List<RunReport.MissEntry> misses(RunReport report) {
        return report.cassettes().stream().flatMap(c -> c.misses().stream()).toList();
    }

    private static List<Map.Entry<String, RunReport.MissEntry>> allMisses(RunReport report) {
        List<Map.Entry<String, RunReport.MissEntry>> out = new ArrayList<>();
        report.cassettes().forEach(c -> c.misses().forEach(m -> out.add(Map.entry(c.name(), m))));
        return out;
    }

    private static List<Map.Entry<String, RunReport.DriftEntry>> drift(RunReport report) {
        return report.drift().stream().map(d -> Map.entry(d.cassette(), d)).toList();
    }

    /** {@code body /temperature: recorded 0.0, actual 0.7}, as the 404 and the log say it. */
    static String difference(JsonNode d) {
        String pointer = d.path("pointer").asText("");
        String where = d.path("field").asText("") + (pointer.isEmpty() ? "" : " " + pointer);
        return where + ": recorded " + value(d.get("recorded")) + ", actual " + value(d.get("actual"));
    }

    private static String value(JsonNode node) {
        return node == null ? "(absent)" : Json.compact(node);
    }

    private static String code(String text) {
        return "`" + text.replace("`", "'") + "`";
    }

    private static String shortKey(String key) {
        return key == null || key.length() <= 12 ? String.valueOf(key) : key.substring(0, 12) + "…";
    }

    private static String failOn(CheckResult result) {
        return String.join(",", result.failOnNames());
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 6 min 12 s}, {@code 1 h 4 min}. */
    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
