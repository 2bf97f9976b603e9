package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.mode.Outcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vcr-proxy status}: mode, version, counts, and calls and tokens spent and saved of a running proxy. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print the mode and counts of a running proxy.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    AdminOptions admin;

    @Option(names = "--json", description = "Print the raw JSON of /__vcr/health and /__vcr/stats.")
    boolean json;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait up to this long (e.g. 30s) for a proxy that is still starting to answer.")
    Duration wait;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            AdminClient client = admin.client();
            JsonNode health = wait == null ? client.get("/health") : client.awaitHealth(wait);
            JsonNode stats = client.get("/stats");
            if (json) {
                var both = Json.object();
                both.set("health", health);
                both.set("stats", stats);
                out.println(Json.compact(both));
                return 0;
            }
            out.printf("vcr-proxy %s  mode=%s  version=%s%s%n", client.base(), health.path("mode").asText(),
                    health.path("version").asText(), health.hasNonNull("project_file")
                            ? "  project_file=" + health.get("project_file").asText() : "");
            int nameWidth = 32; // wider when a cassette name is longer, so the counts stay in their columns
            for (Map.Entry<String, JsonNode> cassette : stats.path("cassettes").properties()) {
                nameWidth = Math.max(nameWidth, cassette.getKey().length());
            }
            StringBuilder header = new StringBuilder(String.format("%-" + nameWidth + "s", "cassette"));
            for (Outcome outcome : Outcome.values()) {
                header.append(String.format(" %" + width(outcome) + "s", outcome.statName()));
            }
            out.println(header);
            row(out, nameWidth, "(all)", stats);
            for (Map.Entry<String, JsonNode> cassette : stats.path("cassettes").properties()) {
                row(out, nameWidth, cassette.getKey(), cassette.getValue());
            }
            SpendTable.print(out, stats);
            return 0;
        } catch (AdminClient.AdminException e) {
            spec.commandLine().getErr().println("vcr-proxy status: " + e.getMessage());
            return 1;
        }
    }

    private static void row(PrintWriter out, int nameWidth, String name, JsonNode counts) {
        StringBuilder line = new StringBuilder(String.format("%-" + nameWidth + "s", name));
        for (Outcome outcome : Outcome.values()) {
            line.append(String.format(" %" + width(outcome) + "d", counts.path(outcome.statName()).asLong()));
        }
        out.println(line);
    }

    private static int width(Outcome outcome) {
        return Math.max(6, outcome.statName().length());
    }
}
