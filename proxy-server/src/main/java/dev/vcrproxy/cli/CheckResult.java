package dev.vcrproxy.cli;

import dev.vcrproxy.admin.RunReport;
import dev.vcrproxy.cli.CheckCommand.Kind;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code check} found in a report: how many of each kind, and which of them fail the run. */
record CheckResult(RunReport report, Set<Kind> failOn, Map<Kind, Long> found, Set<Kind> failing) {
    /** The counts that mean a request went to the upstream in this run. */
    static final List<String> UPSTREAM_COUNTS = List.of("recorded", "passthrough", "upstream_errors", "secrets_blocked", "record_errors");

    static CheckResult of(RunReport report, Set<Kind> failOn) {
        Map<Kind, Long> found = new EnumMap<>(Kind.class);
        found.put(Kind.MISS, report.count("misses"));
        found.put(Kind.DRIFT, Math.max(report.count("drifted"), report.drift().size()));
        found.put(Kind.UNUSED, unusedRecordings(report) + report.unusedCassettes().size());
        found.put(Kind.UPSTREAM, UPSTREAM_COUNTS.stream().mapToLong(report::count).sum());
        Set<Kind> failing = EnumSet.noneOf(Kind.class);
        for (Kind kind : failOn) {
            if (found.get(kind) > 0) {
                failing.add(kind);
            }
        }
        return new CheckResult(report, failOn.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(failOn), found, failing);
    }

    static long unusedRecordings(RunReport report) {
        return report.cassettes().stream().mapToLong(c -> c.unusedKeys().size()).sum();
    }

    List<String> failOnNames() {
        return failOn.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    boolean passed() {
        return failing.isEmpty();
    }

    /** {@code 1 miss, 2 drifted} — the failing kinds with their counts. */
    String failingText() {
        StringBuilder out = new StringBuilder();
        for (Kind kind : failing) {
            long n = found.get(kind);
            out.append(out.length() == 0 ? "" : ", ").append(n).append(' ').append(switch (kind) {
                case MISS -> n == 1 ? "miss" : "misses";
                case DRIFT -> "drifted";
                case UNUSED -> "unused";
                case UPSTREAM -> n == 1 ? "upstream call" : "upstream calls";
            });
        }
        return out.toString();
    }
}
