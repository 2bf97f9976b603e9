package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.store.CassetteFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code vcr-proxy cassettes list}: one line per cassette. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List cassettes: interactions, paths, ages, size.")
public final class ListCommand implements Callable<Integer> {
    @Mixin
    FixturesOption fixtures;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        fixtures.project();
        List<CassetteFiles.Entry> entries = CassetteFiles.list(fixtures.fixtures); // a missing folder fails before the header
        String format = "%-40s %12s  %-28s %-20s %-20s %9s%n";
        out.printf(format, "cassette", "interactions", "paths", "oldest", "newest", "size");
        int problems = 0;
        for (CassetteFiles.Entry entry : entries) {
            if (entry.problem() != null) { // never read: it may be a link out of the folder
                out.printf(format, displayName(entry), "refused", "", "", "", "");
                problems++;
                continue;
            }
            byte[] bytes = Files.readAllBytes(entry.file());
            try {
                Cassette cassette = CassetteCodec.read(bytes, entry.relative());
                String paths = cassette.interactions().stream().map(i -> i.request().clientPath())
                        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
                Instant oldest = cassette.interactions().stream().map(Interaction::recordedAt).min(Instant::compareTo).orElse(null);
                Instant newest = cassette.interactions().stream().map(Interaction::recordedAt).max(Instant::compareTo).orElse(null);
                out.printf(format, displayName(entry), cassette.interactions().size(), shorten(paths, 28),
                        oldest == null ? "-" : oldest, newest == null ? "-" : newest, Sizes.human(bytes.length));
            } catch (BadCassetteException e) {
                out.printf(format, displayName(entry), "unreadable", "", "", "", Sizes.human(bytes.length));
                spec.commandLine().getErr().println(e.getMessage());
                problems++;
            }
        }
        return problems == 0 ? 0 : 1;
    }

    static String displayName(CassetteFiles.Entry entry) {
        return entry.name() != null ? entry.name().value() : entry.relative() + " (" + entry.problem() + ")";
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
