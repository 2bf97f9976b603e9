package dev.vcrproxy.cli;

import dev.vcrproxy.forward.CaDirectory;
import dev.vcrproxy.forward.InterceptRules;
import dev.vcrproxy.cassette.Preset;
import dev.vcrproxy.faults.FaultOptions;
import dev.vcrproxy.faults.FaultRule;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.BadProjectFileException;
import dev.vcrproxy.server.ProjectFile;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.server.VcrProxyServer;
import dev.vcrproxy.sse.ReplayTiming;
import dev.vcrproxy.upstream.ModalRoutes;
import dev.vcrproxy.upstream.ProxySelection;
import dev.vcrproxy.upstream.ResolveRules;
import dev.vcrproxy.upstream.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code vcr-proxy serve}: runs the proxy until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the proxy. Every option also reads an environment variable (listed below).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
            description = "Port to listen on; 0 picks a free one (env VCR_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on (env VCR_BIND, default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--upstream", paramLabel = "URL",
            description = "Real endpoint, same as --route /=URL (env VCR_UPSTREAM; with no route at all, an exported"
                    + " MODAL_ENDPOINT_URL gives its /generate and /health routes).")
    String upstream;

    @Option(names = "--route", paramLabel = "PREFIX=URL", split = ",",
            description = "Repeatable: requests under PREFIX go to URL, prefix stripped; the longest prefix wins (env VCR_ROUTE).")
    List<String> routes = new ArrayList<>();

    @Option(names = "--fixtures", defaultValue = "fixtures", paramLabel = "DIR",
            description = "Cassette folder (env VCR_FIXTURES, default ./${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "replay, record-missing, record, passthrough or verify (env VCR_MODE; RECORD_FIXTURES=true, 1, yes"
                    + " or on means record-missing; default replay).")
    String mode;

    @Option(names = "--cassette", defaultValue = "default", paramLabel = "NAME",
            description = "Cassette for requests that name none (env VCR_CASSETTE, default ${DEFAULT-VALUE}).")
    String cassette;

    @Mixin
    MatchingOptions matching;

    @Option(names = "--replay-timing", defaultValue = "none", paramLabel = "T",
            description = "Gaps between replayed stream events: none, recorded, or scale=F (default ${DEFAULT-VALUE}).")
    String replayTiming;

    @Option(names = "--record-errors", defaultValue = "false",
            description = "Also record upstream 5xx, 429 and Modal-style 200 answers with an \"error\" field.")
    boolean recordErrors;

    @Option(names = "--max-body-mib", defaultValue = "64", paramLabel = "N",
            description = "Largest request (413) or upstream response (502) body, in MiB (default ${DEFAULT-VALUE}).")
    int maxBodyMib;

    @Option(names = "--upstream-timeout", defaultValue = "600s", paramLabel = "D", converter = DurationConverter.class,
            description = "Idle time allowed while waiting for upstream bytes, e.g. 600s, 10m (default ${DEFAULT-VALUE}).")
    java.time.Duration upstreamTimeout;

    @Option(names = "--idle-timeout", defaultValue = "60s", paramLabel = "D", converter = DurationConverter.class,
            description = "Close client connections idle this long between requests (default ${DEFAULT-VALUE}).")
    java.time.Duration idleTimeout;

    @Option(names = "--upstream-proxy", paramLabel = "URL",
            description = "Egress proxy for upstreams, http://[user:password@]host:port (env VCR_UPSTREAM_PROXY;"
                    + " else HTTPS_PROXY or HTTP_PROXY by the upstream's scheme; NO_PROXY and loopback go direct).")
    String upstreamProxy;

    @Option(names = "--admin-token", paramLabel = "T",
            description = "When set, admin writes need 'Authorization: Bearer T' (env VCR_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--report-file", paramLabel = "FILE",
            description = "Write the run's report (GET /__vcr/report) to FILE at shutdown (env VCR_REPORT_FILE).")
    Path reportFile;

    @Option(names = "--max-upstream-calls", paramLabel = "N",
            description = "Calls this run may send upstream; then 429 vcr_budget_exceeded, hits still replay"
                    + " (env VCR_MAX_UPSTREAM_CALLS; 0 in CI: nothing may reach the real endpoint).")
    String maxUpstreamCalls;

    @Option(names = "--max-upstream-tokens", paramLabel = "N",
            description = "Tokens (from the usage of completed calls) after which no call goes upstream"
                    + " (env VCR_MAX_UPSTREAM_TOKENS).")
    String maxUpstreamTokens;

    @Option(names = "--intercept", split = ",", paramLabel = "HOST[,HOST...]",
            description = "Forward-proxy mode: repeatable; CONNECT and http:// proxy requests to these hosts (wildcards like"
                    + " *.modal.run) are recorded and replayed; any other host gets 403 (env VCR_INTERCEPT).")
    List<String> intercept = new ArrayList<>();

    @Option(names = "--ca-dir", paramLabel = "DIR",
            description = "Folder of the CA that signs intercepted hosts' certificates, created on first use"
                    + " (env VCR_CA_DIR, default ~/.vcr-proxy/ca).")
    Path caDir;

    @Option(names = "--resolve", split = ",", paramLabel = "HOST:PORT=ADDR:PORT",
            description = "Repeatable: connect to ADDR:PORT for upstream HOST:PORT; TLS still verifies HOST (env VCR_RESOLVE).")
    List<String> resolve = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Project file with routes and matching rules (env VCR_CONFIG, default DIR/" + ProjectFile.NAME + " when present).")
    Path config;

    @Option(names = "--fault", split = ",", paramLabel = "RULE",
            description = "Repeatable: fault rule applied to hits, KIND[:ARG][@WHEN], e.g. status:429@times=2 or rechunk:7"
                    + " (env VCR_FAULT, comma-separated; see the README).")
    List<String> faults = new ArrayList<>();

    @Option(names = "--fault-seed", defaultValue = "1", paramLabel = "S",
            description = "Seed for @rate fault rules: the same seed and requests give the same faults (env VCR_FAULT_SEED,"
                    + " default ${DEFAULT-VALUE}).")
    long faultSeed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    public ServeCommand() {
        this(System.getenv());
    }

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    /** {@code serve} with each option's variable read from {@code env} (see {@link EnvDefaults}). */
    static CommandLine commandLine(Map<String, String> env) {
        return EnvDefaults.install(new CommandLine(new ServeCommand(env)), env);
    }

    @Override
    public Integer call() throws Exception {
        ProxyConfig config;
        try {
            config = config();
        } catch (BadProjectFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!config.mode().needsUpstream() && !Files.isDirectory(config.fixtures())) {
            log.warn("fixtures folder {} does not exist: every request will miss (--fixtures / VCR_FIXTURES)",
                    config.fixtures().toAbsolutePath());
        }
        VcrProxyServer server;
        try {
            server = VcrProxyServer.start(config);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("vcr-proxy serve: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            spec.commandLine().getErr().println("vcr-proxy serve: cannot listen on " + config.bind() + ":" + config.port()
                    + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            stopped.countDown();
        };
        StopSignals.onStop(stop);
        PrintWriter out = spec.commandLine().getOut();
        out.println("vcr-proxy listening on " + server.baseUrl() + " mode=" + config.mode().label()
                + " fixtures=" + config.fixtures());
        out.flush();
        if (!config.bind().equals("127.0.0.1") && !config.bind().equals("localhost") && config.adminToken() == null) {
            log.warn("listening on {} without --admin-token: anyone who can reach it can change its mode", config.bind());
        }
        stopped.await();
        return 0;
    }

    ProxyConfig config() {
        Mode chosenMode = resolveMode();
        ProjectFile project = ProjectFile.locate(config, fixtures);
        ProxyConfig.Builder builder = ProxyConfig.builder()
                .bind(bind)
                .port(port)
                .fixtures(fixtures)
                .mode(chosenMode)
                .defaultCassette(cassette)
                .matchRules(project.rules().plus(matching.rules()))
                .recordErrors(recordErrors)
                .replayTiming(ReplayTiming.parse(replayTiming))
                .maxBodyBytes((long) maxBodyMib << 20)
                .upstreamTimeout(upstreamTimeout)
                .idleTimeout(idleTimeout)
                .adminToken(adminToken)
                .reportFile(reportFile)
                .egress(ProxySelection.from(upstreamProxy, env))
                .maxUpstreamCalls(budget(maxUpstreamCalls, "--max-upstream-calls", "VCR_MAX_UPSTREAM_CALLS"))
                .maxUpstreamTokens(budget(maxUpstreamTokens, "--max-upstream-tokens", "VCR_MAX_UPSTREAM_TOKENS"))
                .projectFile(project.file())
                .faults(faultOptions(project));
        routes(project, chosenMode).forEach(builder::route);
        builder.intercept(InterceptRules.parse(intercept))
                .resolve(ResolveRules.parse(resolve))
                .caDirectory(caDir != null ? new CaDirectory(caDir) : CaDirectory.fromEnv(env));
        return builder.build();
    }

    /** The {@code --fault} rules (or {@code VCR_FAULT}'s); a bad rule is a usage error (exit 2) naming it. */
    FaultOptions faultOptions() {
        return faultOptions(ProjectFile.NONE);
    }

    /** The presets of the project file count too: they say which provider's error shape a fault answers with. */
    FaultOptions faultOptions(ProjectFile project) {
        List<FaultRule> rules = new ArrayList<>();
        faults.forEach(f -> rules.addAll(FaultRule.parseList(f)));
        Set<Preset> presets = new LinkedHashSet<>(project.presets());
        matching.presets.forEach(p -> presets.add(Preset.parse(p)));
        return new FaultOptions(rules, faultSeed, presets);
    }

    /**
     * The project file's routes, then --upstream and --route (a flag replaces the file's route of
     * the same prefix); MODAL_ENDPOINT_URL only when none of these routes anything.
     */
    private Collection<Route> routes(ProjectFile project, Mode chosenMode) {
        Map<String, Route> byPrefix = new LinkedHashMap<>();
        project.routes().forEach(r -> byPrefix.put(r.prefix(), r));
        if (upstream != null) {
            byPrefix.put("/", Route.parse("/=" + upstream));
        }
        routes.stream().map(Route::parse).forEach(r -> byPrefix.put(r.prefix(), r));
        String modal = env.get("MODAL_ENDPOINT_URL");
        if (modal == null || modal.isBlank()) {
            return byPrefix.values();
        }
        if (!byPrefix.isEmpty()) {
            log.info("MODAL_ENDPOINT_URL={} is not used: routes are configured ({})", modal.trim(),
                    byPrefix.values().stream().map(Route::toString).collect(Collectors.joining(" ")));
            return byPrefix.values();
        }
        List<Route> derived;
        try {
            derived = ModalRoutes.of(modal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MODAL_ENDPOINT_URL: " + e.getMessage(), e);
        }
        if (!chosenMode.needsUpstream() && derived.stream().anyMatch(r -> r.isLocal(port))) {
            log.info("MODAL_ENDPOINT_URL={} points at this proxy: ignored, replay needs no upstream", modal.trim());
            return List.of();
        }
        log.info("routes from MODAL_ENDPOINT_URL: {}", derived.stream().map(r -> "--route " + r).collect(Collectors.joining(" ")));
        return derived;
    }

    /** A budget option: blank (an empty variable in a CI file) is no budget; otherwise a whole number, 0 or more. */
    static Long budget(String text, String option, String env) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " (env " + env + ") must be a whole number, 0 or more, not '" + text.trim() + "'");
    }

    /** --mode or VCR_MODE, else RECORD_FIXTURES (true, 1, yes or on) for record-missing, else replay. */
    Mode resolveMode() {
        if (mode != null) {
            return Mode.parse(mode);
        }
        String recordFixtures = env.get("RECORD_FIXTURES");
        boolean record = EnvSwitch.parse(recordFixtures).orElseThrow(() -> new IllegalArgumentException("RECORD_FIXTURES='"
                + recordFixtures + "' is neither yes (" + EnvSwitch.YES + ": record-missing) nor no (" + EnvSwitch.NO
                + ": replay); --mode or VCR_MODE, when set, take precedence over it"));
        return record ? Mode.RECORD_MISSING : Mode.REPLAY;
    }
}
