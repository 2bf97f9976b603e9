package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.store.AtomicFiles;
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
 * used, the recordings the run never used. Cassettes the run never touched are left alone.
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode root = Json.parse(Files.readAllBytes(report)).orElse(null);
        if (root == null || !root.path("cassettes").isObject()) {
            err.println("vcr-proxy cassettes prune: " + report + " is not a vcr-proxy report (no \"cassettes\" object)");
            return 1;
        }
        int problems = 0;
        for (Map.Entry<String, JsonNode> entry : root.get("cassettes").properties()) {
            try {
                prune(CassetteName.of(entry.getKey()), entry.getValue(), out);
            } catch (BadCassetteException | IllegalArgumentException e) {
                err.println("vcr-proxy cassettes prune: " + entry.getKey() + ": " + e.getMessage());
                problems++;
            }
        }
        return problems == 0 ? 0 : 1;
    }

    private void prune(CassetteName name, JsonNode entry, PrintWriter out) throws IOException {
        Path file = name.fileIn(fixturesOption.fixtures);
        if (!Files.exists(file)) {
            return;
        }
        Set<String> unused = new HashSet<>();
        entry.path("unused_keys").forEach(k -> unused.add(k.asText()));
        Cassette cassette = CassetteCodec.read(Files.readAllBytes(file), file.toString());
        Cassette kept = cassette.without(i -> unused.contains(i.key()));
        int removed = cassette.interactions().size() - kept.interactions().size();
        if (removed == 0) {
            out.printf("%s: nothing to remove (%d recordings)%n", name, cassette.interactions().size());
            return;
        }
        out.printf("%s: %s %d of %d recordings%n", name, dryRun ? "would remove" : "removed", removed,
                cassette.interactions().size());
        if (!dryRun) {
            AtomicFiles.write(file, CassetteCodec.write(kept));
        }
    }
}
