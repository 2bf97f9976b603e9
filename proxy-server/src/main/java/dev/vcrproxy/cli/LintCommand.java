package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.ProviderUsage;
import dev.vcrproxy.cassette.RequestKey;
import dev.vcrproxy.cassette.SecretScanner;
import dev.vcrproxy.store.AtomicFiles;
import dev.vcrproxy.store.CassetteFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vcr-proxy cassettes lint}: every cassette parses, is format 1, is named after its file,
 * has keys that match its requests under the project file's and the given matching options, no duplicate key+seq, no
 * secrets, and the deterministic formatting. {@code --fix} rewrites what can be rewritten, and fills in
 * the optional {@code usage} of recordings made before it was stored.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Check every cassette; --fix rewrites formatting, recomputes keys, renumbers sequences"
                + " and fills in token usage from stored answers.")
public final class LintCommand implements Callable<Integer> {
    @Mixin
    FixturesOption fixtures;

    @Mixin
    MatchingOptions matching;

    @Option(names = "--fix", description = "Rewrite cassettes with canonical formatting, recomputed keys and seqs.")
    boolean fix;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        MatchRules rules = fixtures.project().rules().plus(matching.rules());
        int problems = 0;
        int files = 0;
        for (CassetteFiles.Entry entry : CassetteFiles.list(fixtures.fixtures)) {
            files++;
            List<String> found = lint(entry, rules);
            found.forEach(p -> out.println(entry.relative() + ": " + p));
            problems += found.size();
        }
        for (Path temp : CassetteFiles.leftoverTempFiles(fixtures.fixtures)) {
            out.println(fixtures.fixtures.relativize(temp) + ": leftover temp file of an interrupted write"
                    + (fix ? " (deleted)" : " (safe to delete; --fix does)"));
            if (fix) {
                Files.deleteIfExists(temp);
            } else {
                problems++;
            }
        }
        out.printf("%d cassette(s) checked, %d problem(s)%s%n", files, problems, fix ? " left after --fix" : "");
        return problems == 0 ? 0 : 1;
    }

    private List<String> lint(CassetteFiles.Entry entry, MatchRules rules) throws IOException {
        List<String> problems = new ArrayList<>();
        if (entry.problem() != null) {
            problems.add(entry.problem());
            return problems;
        }
        byte[] bytes = Files.readAllBytes(entry.file());
        Cassette cassette;
        try {
            cassette = CassetteCodec.read(bytes, entry.relative());
        } catch (BadCassetteException e) {
            problems.add((e.line() > 0 ? "line " + e.line() + ": " : "") + e.getMessage().substring(e.file().length() + 1
                    + (e.line() > 0 ? String.valueOf(e.line()).length() + 1 : 0)).trim());
            return problems;
        }
        if (!cassette.name().equals(entry.name())) {
            problems.add("\"name\" is '" + cassette.name() + "' but the file is cassette '" + entry.name() + "'");
        }
        Map<String, Integer> perKeyAndSeq = new HashMap<>();
        for (Interaction i : cassette.interactions()) {
            String expected = RequestKey.of(i.request(), rules);
            if (!expected.equals(i.key())) {
                problems.add("key " + i.key().substring(0, 12) + "… of " + i.request().method() + " " + i.request().clientPath()
                        + " does not match its request under these matching options (expected " + expected.substring(0, 12) + "…)");
            }
            if (perKeyAndSeq.merge(i.key() + "#" + i.seq(), 1, Integer::sum) == 2) {
                problems.add("key " + i.key().substring(0, 12) + "… seq " + i.seq() + " appears more than once");
            }
            Optional<SecretScanner.Finding> secret = SecretScanner.scan(i);
            secret.ifPresent(f -> problems.add("interaction key " + i.key().substring(0, 12) + "… holds what looks like a "
                    + f.kind() + " at " + f.pointer() + ": remove it by hand and rotate the credential"));
        }
        Cassette fixed = fixed(entry, cassette, rules);
        byte[] canonical = CassetteCodec.write(fixed);
        boolean formattingOnly = problems.isEmpty() && !Arrays.equals(bytes, canonical);
        if (formattingOnly) {
            problems.add("not in the canonical layout (field order, 2-space indent, sorted interactions)");
        }
        // A missing usage is no problem (it is optional), but --fix fills it in from the stored answers.
        byte[] rewritten = fix ? CassetteCodec.write(withUsage(fixed)) : canonical;
        if (fix && !Arrays.equals(bytes, rewritten) && problems.stream().noneMatch(p -> p.contains("looks like"))) {
            AtomicFiles.write(entry.file(), rewritten);
            return List.of();
        }
        return problems;
    }

    /** The cassette with {@code usage} read from each stored answer that reports one and has none yet. */
    private static Cassette withUsage(Cassette cassette) {
        List<Interaction> out = new ArrayList<>();
        for (Interaction i : cassette.interactions()) {
            out.add(i.usage() != null ? i : ProviderUsage.of(i.response()).map(i::withUsage).orElse(i));
        }
        return new Cassette(cassette.name(), out);
    }

    /** The cassette with recomputed keys, seqs numbered 0.. per key in file order, and its file's name. */
    private static Cassette fixed(CassetteFiles.Entry entry, Cassette cassette, MatchRules rules) {
        Map<String, Integer> nextSeq = new HashMap<>();
        List<Interaction> out = new ArrayList<>();
        for (Interaction i : cassette.interactions()) {
            String key = RequestKey.of(i.request(), rules);
            int seq = nextSeq.merge(key, 1, Integer::sum) - 1;
            out.add(i.withKeyAndSeq(key, seq));
        }
        return new Cassette(entry.name(), out);
    }
}
