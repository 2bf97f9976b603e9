package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Masking;
import dev.vcrproxy.mode.Ledger;
import dev.vcrproxy.faults.FaultRecords;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.mode.Usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/**
 * What this run did with each cassette it touched: counts (with calls and tokens spent upstream
 * and saved by replay), keys used, keys never used (what {@code cassettes prune} removes) and every
 * miss with its closest differences; the cassettes in the fixtures folder it never touched
 * ({@code unused_cassettes}: what {@code prune --orphans} deletes); the run's budgets; and every hit answered with an injected fault (the
 * first {@value FaultRecords#MAX_KEPT}); and in verify, the recordings whose live answers drifted
 * ({@code drift}).
 */
public final class Report {
    private Report() {
    }

    /** Reads cassettes from the store: call it off the event loop. */
    public static ObjectNode build(AdminContext context) {
        ObjectNode root = Json.object();
        root.put("generated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("mode", context.state().mode().label());
        ObjectNode totals = root.putObject("totals");
        context.stats().total().forEach((outcome, n) -> totals.put(outcome.statName(), n));
        LedgerJson.putFigures(totals, context.stats().ledger().total());
        LedgerJson.putBudgets(root, context.stats().ledger().budgets());
        totals.put("faults", context.faults().records().total());
        ObjectNode cassettes = root.putObject("cassettes");
        Map<String, Map<Outcome, Long>> perCassette = context.stats().perCassette();
        Map<String, Ledger.Figures> figures = context.stats().ledger().perCassette();
        for (CassetteName name : context.usage().cassettes()) {
            ObjectNode node = cassettes.putObject(name.value());
            ObjectNode counts = node.putObject("counts");
            perCassette.getOrDefault(name.value(), Map.of()).forEach((outcome, n) -> counts.put(outcome.statName(), n));
            LedgerJson.putFigures(counts, figures.getOrDefault(name.value(), Ledger.Figures.ZERO));
            SortedSet<String> used = context.usage().usedKeys(name);
            used.forEach(node.putArray("used_keys")::add);
            putUnused(node, context, name, used);
            ArrayNode misses = node.putArray("misses");
            for (Usage.MissRecord miss : context.usage().misses(name)) {
                ObjectNode item = misses.addObject();
                item.put("key", miss.key());
                item.put("request", miss.request());
                if (miss.closestKey() == null) {
                    item.putNull("closest_key");
                } else {
                    item.put("closest_key", miss.closestKey());
                }
                item.set("differences", miss.differences());
            }
        }
        putUnusedCassettes(root, context);
        ArrayNode faults = root.putArray("faults");
        for (FaultRecords.Faulted faulted : context.faults().records().faulted()) {
            ObjectNode item = faults.addObject();
            item.put("cassette", faulted.cassette());
            item.put("key", faulted.key());
            item.put("request", faulted.request());
            item.put("rules", faulted.rules());
        }
        putDrift(root.putArray("drift"), context.usage().drift());
        return Masking.json(root); // readable without the token, and written to a file CI uploads
    }

    /** Cassette files of the folder no request of this run touched: left behind by a renamed or removed test. */
    private static void putUnusedCassettes(ObjectNode root, AdminContext context) {
        ArrayNode unused = root.putArray("unused_cassettes");
        try {
            SortedSet<CassetteName> touched = context.usage().cassettes();
            for (CassetteName name : context.store().stored()) {
                if (!touched.contains(name)) {
                    unused.add(name.value());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            root.put("unused_cassettes_error", "cannot list the fixtures folder: " + e.getMessage());
        }
    }

    /** In verify: each recording whose live answer changed shape, with the changes. */
    private static void putDrift(ArrayNode list, List<Usage.DriftRecord> drift) {
        drift.forEach(d -> list.add(RunReport.DriftEntry.of(d).toJson()));
    }

    private static void putUnused(ObjectNode node, AdminContext context, CassetteName name, SortedSet<String> used) {
        try {
            Cassette cassette = context.store().load(name).join();
            SortedSet<String> unused = new TreeSet<>(cassette.byKey().keySet());
            unused.removeAll(used);
            unused.forEach(node.putArray("unused_keys")::add);
        } catch (CompletionException e) {
            node.putArray("unused_keys");
            node.put("error", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }
}
