package dev.vcrproxy.cli;

import dev.vcrproxy.forward.CaDirectory;
import dev.vcrproxy.forward.InterceptRules;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.ProxyConfig;
import dev.vcrproxy.server.VcrProxyServer;
import dev.vcrproxy.sse.ReplayTiming;
import dev.vcrproxy.upstream.ProxySelection;
import dev.vcrproxy.upstream.ResolveRules;
import dev.vcrproxy.upstream.Route;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vcr-proxy serve}: runs the proxy until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the proxy. Every option also reads an environment variable.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:VCR_PORT:-8080}", paramLabel = "N",
            description = "Port to listen on; 0 picks a free one (env VCR_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "${env:VCR_BIND:-127.0.0.1}", paramLabel = "ADDR",
            description = "Address to listen on (env VCR_BIND, default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--upstream", paramLabel = "URL",
            description = "Real endpoint, same as --route /=URL (env VCR_UPSTREAM, then MODAL_ENDPOINT_URL).")
    String upstream;

    @Option(names = "--route", paramLabel = "PREFIX=URL",
            description = "Repeatable: requests under PREFIX go to URL, prefix stripped; the longest prefix wins.")
    List<String> routes = new ArrayList<>();

    @Option(names = "--fixtures", defaultValue = "${env:VCR_FIXTURES:-fixtures}", paramLabel = "DIR",
            description = "Cassette folder (env VCR_FIXTURES, default ./${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "replay, record-missing, record or passthrough (env VCR_MODE; RECORD_FIXTURES=true means"
                    + " record-missing; default replay).")
    String mode;

    @Option(names = "--cassette", defaultValue = "${env:VCR_CASSETTE:-default}", paramLabel = "NAME",
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

    @Option(names = "--idle-timeout", defaultValue = "${env:VCR_IDLE_TIMEOUT:-60s}", paramLabel = "D", converter = DurationConverter.class,
            description = "Close client connections idle this long between requests (default ${DEFAULT-VALUE}).")
    java.time.Duration idleTimeout;

    @Option(names = "--upstream-proxy", defaultValue = "${env:VCR_UPSTREAM_PROXY}", paramLabel = "URL",
            description = "Egress proxy for upstreams, http://[user:password@]host:port (env VCR_UPSTREAM_PROXY;"
                    + " else HTTPS_PROXY or HTTP_PROXY by the upstream's scheme; NO_PROXY and loopback go direct).")
    String upstreamProxy;

    @Option(names = "--admin-token", defaultValue = "${env:VCR_ADMIN_TOKEN}", paramLabel = "T",
            description = "When set, admin writes need 'Authorization: Bearer T' (env VCR_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--report-file", defaultValue = "${env:VCR_REPORT_FILE}", paramLabel = "FILE",
            description = "Write the run's report (GET /__vcr/report) to FILE at shutdown (env VCR_REPORT_FILE).")
    Path reportFile;

    @Option(names = "--max-upstream-calls", defaultValue = "${env:VCR_MAX_UPSTREAM_CALLS}", paramLabel = "N",
            description = "Calls this run may send upstream; then 429 vcr_budget_exceeded, hits still replay"
                    + " (env VCR_MAX_UPSTREAM_CALLS; 0 in CI: nothing may reach the real endpoint).")
    String maxUpstreamCalls;

    @Option(names = "--max-upstream-tokens", defaultValue = "${env:VCR_MAX_UPSTREAM_TOKENS}", paramLabel = "N",
            description = "Tokens (from the usage of completed calls) after which no call goes upstream"
                    + " (env VCR_MAX_UPSTREAM_TOKENS).")
    String maxUpstreamTokens;

    @Option(names = "--intercept", paramLabel = "HOST[,HOST...]",
            description = "Forward-proxy mode: repeatable; CONNECT and http:// proxy requests to these hosts (wildcards like"
                    + " *.modal.run) are recorded and replayed; any other host gets 403 (env VCR_INTERCEPT).")
    List<String> intercept = new ArrayList<>();

    @Option(names = "--ca-dir", paramLabel = "DIR",
            description = "Folder of the CA that signs intercepted hosts' certificates, created on first use"
                    + " (env VCR_CA_DIR, default ~/.vcr-proxy/ca).")
    Path caDir;

    @Option(names = "--resolve", paramLabel = "HOST:PORT=ADDR:PORT",
            description = "Repeatable: connect to ADDR:PORT for upstream HOST:PORT; TLS still verifies HOST (env VCR_RESOLVE).")
    List<String> resolve = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    public ServeCommand() {
        this(System.getenv());
    }

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        ProxyConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
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
            LoggerFactory.getLogger(ServeCommand.class).warn("listening on {} without --admin-token: anyone who can reach it can change its mode", config.bind());
        }
        stopped.await();
        return 0;
    }

    ProxyConfig config() {
        ProxyConfig.Builder builder = ProxyConfig.builder()
                .bind(bind)
                .port(port)
                .fixtures(fixtures)
                .mode(resolveMode())
                .defaultCassette(cassette)
                .matchRules(matching.rules())
                .recordErrors(recordErrors)
                .replayTiming(ReplayTiming.parse(replayTiming))
                .maxBodyBytes((long) maxBodyMib << 20)
                .upstreamTimeout(upstreamTimeout)
                .idleTimeout(idleTimeout)
                .adminToken(adminToken)
                .reportFile(reportFile)
                .egress(ProxySelection.from(upstreamProxy, env))
                .maxUpstreamCalls(budget(maxUpstreamCalls, "--max-upstream-calls", "VCR_MAX_UPSTREAM_CALLS"))
                .maxUpstreamTokens(budget(maxUpstreamTokens, "--max-upstream-tokens", "VCR_MAX_UPSTREAM_TOKENS"));
        String base = firstSet(upstream, env.get("VCR_UPSTREAM"), env.get("MODAL_ENDPOINT_URL"));
        if (base != null) {
            builder.upstream(base);
        }
        routes.forEach(r -> builder.route(Route.parse(r)));
        builder.intercept(InterceptRules.parse(listOrEnv(intercept, "VCR_INTERCEPT")))
                .resolve(ResolveRules.parse(listOrEnv(resolve, "VCR_RESOLVE")))
                .caDirectory(caDir != null ? new CaDirectory(caDir) : CaDirectory.fromEnv(env));
        return builder.build();
    }

    /** --mode, else VCR_MODE, else RECORD_FIXTURES=true for record-missing, else replay. */
    Mode resolveMode() {
        String chosen = firstSet(mode, env.get("VCR_MODE"));
        if (chosen != null) {
            return Mode.parse(chosen);
        }
        return "true".equalsIgnoreCase(env.getOrDefault("RECORD_FIXTURES", "").trim()) ? Mode.RECORD_MISSING : Mode.REPLAY;
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

    /** The flag's values, else the variable's comma-separated list. */
    private List<String> listOrEnv(List<String> values, String variable) {
        if (!values.isEmpty()) {
            return values;
        }
        String fromEnv = env.get(variable);
        return fromEnv == null || fromEnv.isBlank() ? List.of() : List.of(fromEnv);
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
