package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.store.CassetteFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code vcr-proxy cassettes verify --max-age 30d}: fails when recordings are older than allowed. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that every cassette parses and no recording is older than --max-age.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    FixturesOption fixtures;

    @Option(names = "--max-age", paramLabel = "D", converter = DurationConverter.class,
            description = "Oldest acceptable recording, e.g. 30d, 12h (default: no age limit).")
    Duration maxAge;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        fixtures.project();
        Instant cutoff = maxAge == null ? null : Instant.now().minus(maxAge);
        int stale = 0;
        int recordings = 0;
        for (CassetteFiles.Entry entry : CassetteFiles.list(fixtures.fixtures)) {
            if (entry.problem() != null) {
                out.printf("%s: %s%n", entry.relative(), entry.problem());
                stale++;
                continue;
            }
            Cassette cassette = CassetteCodec.read(Files.readAllBytes(entry.file()), entry.relative());
            for (Interaction i : cassette.interactions()) {
                recordings++;
                if (cutoff != null && i.recordedAt().isBefore(cutoff)) {
                    stale++;
                    out.printf("%s: %s %s recorded %s is older than %s (key %s…)%n", entry.relative(), i.request().method(),
                            i.request().clientPath(), i.recordedAt(), DurationConverter.format(maxAge), i.key().substring(0, 12));
                }
            }
        }
        out.printf("%d recording(s) checked, %d stale%n", recordings, stale);
        return stale == 0 ? 0 : 1;
    }
}
