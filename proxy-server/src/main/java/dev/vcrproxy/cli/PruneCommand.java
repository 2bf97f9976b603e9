package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.store.AtomicFiles;
import dev.vcrproxy.store.CassettePaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code vcr-proxy cassettes prune --report FILE}: removes, from each cassette the report shows as
 * used, the recordings the run never used. Cassettes the run never touched are left alone, unless
 * {@code --orphans}: then their files (the report's {@code unused_cassettes}) are deleted, each
 * named. It ends with one summary line; {@code --dry-run} first lists each cassette that would change.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove recordings a run never used, per its report (serve --report-file or GET /__vcr/report).")
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--report", required = true, paramLabel = "FILE", description = "The run's report (JSON).")
    Path report;

    @CommandLine.Mixin
    FixturesOption fixturesOption;

    @Option(names = "--dry-run", description = "Print what would be removed; change nothing.")
    boolean dryRun;

    @Option(names = "--orphans", description = "Also delete the cassette files the run never touched (the report's "
            + "unused_cassettes), e.g. of renamed tests. Only after a run of the whole suite.")
    boolean orphans;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        fixturesOption.project();
        JsonNode root = Json.parse(Files.readAllBytes(report)).orElse(null);
        if (root == null || !root.path("cassettes").isObject()) {
            err.println("vcr-proxy cassettes prune: " + report + " is not a vcr-proxy report (no \"cassettes\" object)");
            return 1;
        }
        int problems = 0;
        Totals totals = new Totals();
        for (Map.Entry<String, JsonNode> entry : root.get("cassettes").properties()) {
            try {
                prune(CassetteName.of(entry.getKey()), entry.getValue(), out, totals);
            } catch (BadCassetteException | IllegalArgumentException e) {
                err.println("vcr-proxy cassettes prune: " + entry.getKey() + ": " + e.getMessage());
                problems++;
            }
        }
        if (orphans) {
            problems += removeOrphans(root.path("unused_cassettes"), out, err, totals);
        }
        out.printf("%s %d of %d recordings in %d of %d cassette(s) the run used%s%n", dryRun ? "would remove" : "removed",
                totals.removed, totals.recordings, totals.changedCassettes, totals.cassettes,
                orphans ? "; " + (dryRun ? "would delete " : "deleted ") + totals.orphans + " cassette(s) it never touched" : "");
        return problems == 0 ? 0 : 1;
    }

    /** What the summary line counts. */
    private static final class Totals {
        int cassettes;
        int changedCassettes;
        int recordings;
        int removed;
        int orphans;
    }

    private int removeOrphans(JsonNode unused, PrintWriter out, PrintWriter err, Totals totals) throws IOException {
        if (!unused.isArray()) {
            err.println("vcr-proxy cassettes prune: " + report + " has no \"unused_cassettes\" (written by an older vcr-proxy): "
                    + "run the suite again to list the orphans");
            return 1;
        }
        int problems = 0;
        Path root = fixturesOption.fixtures.toAbsolutePath().normalize();
        for (JsonNode item : unused) {
            try {
                CassetteName name = CassetteName.of(item.asText());
                CassettePaths.resolve(root, name); // refuses a path that leaves the folder through a link
                Path file = name.fileIn(root);
                if (Files.exists(file)) {
                    out.printf("%s: %s (not used by the run)%n", item.asText(), dryRun ? "would delete" : "deleted");
                    totals.orphans++;
                    if (!dryRun) {
                        Files.delete(file);
                        removeEmptyFolders(file.getParent(), root);
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("vcr-proxy cassettes prune: " + item.asText() + ": " + e.getMessage());
                problems++;
            }
        }
        return problems;
    }

    /** A nested cassette's folders go with its last file, up to (not including) the fixtures folder. */
    private static void removeEmptyFolders(Path folder, Path root) throws IOException {
        for (Path f = folder; f != null && f.startsWith(root) && !f.equals(root); f = f.getParent()) {
            try (var entries = Files.list(f)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(f);
        }
    }

    /** Prunes one cassette; with --dry-run, a cassette that would lose recordings gets a line of its own. */
    private void prune(CassetteName name, JsonNode entry, PrintWriter out, Totals totals) throws IOException {
        Path file = CassettePaths.resolve(fixturesOption.fixtures, name);
        if (!Files.exists(file)) {
            return;
        }
        Set<String> unused = new HashSet<>();
        entry.path("unused_keys").forEach(k -> unused.add(k.asText()));
        Cassette cassette = CassetteCodec.read(Files.readAllBytes(file), file.toString());
        Cassette kept = cassette.without(i -> unused.contains(i.key()));
        int removed = cassette.interactions().size() - kept.interactions().size();
        totals.cassettes++;
        totals.recordings += cassette.interactions().size();
        if (removed == 0) {
            return;
        }
        totals.changedCassettes++;
        totals.removed += removed;
        if (dryRun) {
            out.printf("%s: would remove %d of %d recordings%n", name, removed, cassette.interactions().size());
        } else {
            AtomicFiles.write(file, CassetteCodec.write(kept));
        }
    }
}
