package dev.vcrproxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.admin.RunReport;
import dev.vcrproxy.cassette.Json;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code vcr-proxy check}: the CI gate over a run's report, from {@code --report-file} or a running
 * proxy. Prints what a person reads in ten seconds and exits 1 when a kind named by {@code --fail-on}
 * is present, 2 when the report cannot be read.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Summarize a run's report (replayed, recorded, misses, drift, unused recordings, savings)"
                + " and exit 1 when a kind listed in --fail-on is present.")
public final class CheckCommand implements Callable<Integer> {
    /** What can fail a run. */
    enum Kind {
        /** a request with no recording */
        MISS,
        /** a live answer whose shape changed (mode verify) */
        DRIFT,
        /** a recording, or a cassette file, the run never used */
        UNUSED,
        /** a request that went to the upstream (recorded, passed through or failed there) */
        UPSTREAM
    }

    enum Format { TEXT, MARKDOWN, JSON }

    static final class Source {
        @Option(names = "--report", paramLabel = "FILE", description = "A report written by serve --report-file.")
        Path file;

        @Option(names = "--admin", paramLabel = "URL",
                description = "A running proxy whose /__vcr/report to read (default: env VCR_ADMIN_URL, else http://127.0.0.1:8080).")
        String adminUrl;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    @Option(names = "--fail-on", split = ",", paramLabel = "KIND", defaultValue = "miss",
            description = "Exit 1 when any of these is present: miss, drift, unused, upstream (default: ${DEFAULT-VALUE}).")
    Set<Kind> failOn = EnumSet.of(Kind.MISS);

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown (for a pull request or $GITHUB_STEP_SUMMARY) or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunReport report;
        String from = source != null && source.file != null ? source.file.toString() : null;
        try {
            if (from != null) {
                report = RunReport.read(readFile(source.file));
            } else {
                String url = source != null && source.adminUrl != null ? source.adminUrl : adminFromEnvironment();
                AdminClient client = new AdminClient(URI.create(url.replaceAll("/+$", "")), null);
                from = client.base() + "/__vcr/report";
                report = RunReport.read(client.get("/report"));
            }
        } catch (IOException | AdminClient.AdminException e) {
            spec.commandLine().getErr().println("vcr-proxy check: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("vcr-proxy check: " + from + ": " + e.getMessage());
            return 2;
        }
        CheckResult result = CheckResult.of(report, failOn);
        var out = spec.commandLine().getOut();
        switch (format) {
            case TEXT -> CheckOutput.text(result, from, out);
            case MARKDOWN -> CheckOutput.markdown(result, out);
            case JSON -> out.println(Json.pretty(CheckOutput.json(result)));
        }
        out.flush();
        return result.failing().isEmpty() ? 0 : 1;
    }

    private static JsonNode readFile(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(file + ": no such file (write it with serve --report-file)");
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return Json.read(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String adminFromEnvironment() {
        String env = System.getenv("VCR_ADMIN_URL");
        return env == null || env.isBlank() ? "http://127.0.0.1:8080" : env;
    }
}
