package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Masking;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.store.CassettePaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vcr-proxy cassettes show NAME}: each interaction in a few readable lines. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a cassette's interactions.")
public final class ShowCommand implements Callable<Integer> {
    private static final int SHOWN = 160;

    @Mixin
    FixturesOption fixtures;

    @Parameters(paramLabel = "NAME", description = "The cassette, e.g. default or suite/test_parser.")
    String name;

    @Option(names = "--json", description = "Print the file as it is.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path file;
        try {
            file = CassettePaths.resolve(fixtures.fixtures, CassetteName.of(name));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        fixtures.project();
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.exists(file)) {
            spec.commandLine().getErr().println("vcr-proxy cassettes show: no cassette '" + name + "' (" + file + ")");
            return 1;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (json) {
            out.print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            out.flush(); // print() does not flush, and the process exits next
            return 0;
        }
        Cassette cassette = CassetteCodec.read(bytes, file.toString());
        out.printf("%s: %d interaction(s), %s%n", name, cassette.interactions().size(), file);
        int n = 0;
        for (Interaction i : cassette.interactions()) {
            RecordedResponse response = i.response();
            out.printf("%n#%d %s %s  key %s… seq %d  recorded %s (%d ms%s)%n", ++n, i.request().method(), i.request().clientPath(),
                    i.key().substring(0, 12), i.seq(), i.recordedAt(), i.durationMs(),
                    i.usage() == null ? "" : ", " + i.usage().inputTokens() + " in + " + i.usage().outputTokens() + " out tokens");
            out.printf("   request   %s%n", summary(i.request().body()));
            out.printf("   response  %d %s %s%n", response.status(), String.valueOf(response.contentType()),
                    response.isStream() ? response.events().size() + " events, last: " + shorten(response.events().isEmpty()
                            ? "" : response.events().get(response.events().size() - 1).data()) : summary(response.body()));
        }
        return 0;
    }

    private static String summary(Body body) {
        if (body.isEmpty()) {
            return "(no body)";
        }
        if (body instanceof Body.JsonBody j) {
            return shorten(Json.compact(j.value()));
        }
        if (body instanceof Body.TextBody t) {
            return shorten(t.text());
        }
        if (body instanceof Body.MultipartBody m) {
            return shorten("multipart " + m.parts().stream()
                    .map(p -> p.name() + (p.filename() == null ? "" : " (" + p.filename() + ")") + "=" + summary(p.body()))
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        return "<" + body.bytes().length + " bytes>";
    }

    /** Masked before it is cut (the output is masked again, but could no longer see a key cut in half). */
    private static String shorten(String text) {
        String flat = Masking.text(text).replace("\n", "\\n");
        return flat.length() <= SHOWN ? flat : flat.substring(0, SHOWN) + "… (" + flat.length() + " chars)";
    }
}
