package dev.vcrproxy.server;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.mode.Budgets;
import dev.vcrproxy.forward.CaDirectory;
import dev.vcrproxy.forward.InterceptRules;
import dev.vcrproxy.faults.FaultOptions;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.sse.ReplayTiming;
import dev.vcrproxy.upstream.ProxySelection;
import dev.vcrproxy.upstream.ResolveRules;
import dev.vcrproxy.upstream.Route;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Everything a proxy is started with; immutable. Build one with {@link #builder()}. */
public record ProxyConfig(String bind, int port, List<Route> routes, Path fixtures, Mode mode,
                          CassetteName defaultCassette, MatchRules matchRules, boolean recordErrors,
                          long maxBodyBytes, Duration upstreamTimeout, String adminToken,
                          long cacheMaxBytes, Path reportFile, ReplayTiming replayTiming,
                          Duration idleTimeout, Duration headerTimeout, ProxySelection egress,
                          Budgets budgets,
                          InterceptRules intercept, CaDirectory caDirectory, ResolveRules resolve, Path projectFile,
                          FaultOptions faults) {

    public ProxyConfig {
        routes = List.copyOf(routes);
        budgets = budgets == null ? Budgets.NONE : budgets;
        Objects.requireNonNull(fixtures, "fixtures");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(intercept, "intercept");
        Objects.requireNonNull(resolve, "resolve");
        if (!intercept.isEmpty()) {
            caDirectory.refuseInside(fixtures);
        }
        Objects.requireNonNull(faults, "faults");
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max body size must be between 1 byte and 2 GiB");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 8080;
        private final List<Route> routes = new ArrayList<>();
        private Path fixtures = Path.of("fixtures");
        private Mode mode = Mode.REPLAY;
        private CassetteName defaultCassette = CassetteName.of("default");
        private MatchRules matchRules = MatchRules.DEFAULT;
        private boolean recordErrors;
        private long maxBodyBytes = 64L << 20;
        private Duration upstreamTimeout = Duration.ofSeconds(600);
        private String adminToken;
        /**
         * Loaded cassettes, weighed by file size: 256 MiB, or a quarter of the heap when that is
         * smaller (parsed, a cassette takes about 2.5 times its file's size), so a small
         * {@code -Xmx} evicts and reloads instead of running out of memory.
         */
        private long cacheMaxBytes = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
        private Path reportFile;
        private ReplayTiming replayTiming = ReplayTiming.NONE;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration headerTimeout = Duration.ofSeconds(30);
        private ProxySelection egress = ProxySelection.DIRECT;
        private Long maxUpstreamCalls;
        private Long maxUpstreamTokens;
        private InterceptRules intercept = InterceptRules.NONE;
        private CaDirectory caDirectory;
        private ResolveRules resolve = ResolveRules.NONE;
        private Path projectFile;
        private FaultOptions faults = FaultOptions.NONE;

        public Builder bind(String value) {
            bind = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Same as {@code route("/", url)}. */
        public Builder upstream(String url) {
            return route(Route.parse("/=" + url));
        }

        public Builder route(Route route) {
            routes.add(route);
            return this;
        }

        public Builder fixtures(Path value) {
            fixtures = value;
            return this;
        }

        public Builder mode(Mode value) {
            mode = value;
            return this;
        }

        public Builder defaultCassette(String name) {
            defaultCassette = CassetteName.of(name);
            return this;
        }

        public Builder matchRules(MatchRules value) {
            matchRules = value;
            return this;
        }

        public Builder recordErrors(boolean value) {
            recordErrors = value;
            return this;
        }

        public Builder maxBodyBytes(long value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder upstreamTimeout(Duration value) {
            upstreamTimeout = value;
            return this;
        }

        public Builder adminToken(String value) {
            adminToken = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder cacheMaxBytes(long value) {
            cacheMaxBytes = value;
            return this;
        }

        /** Where to write the run's report at shutdown; null for none. */
        public Builder reportFile(Path value) {
            reportFile = value;
            return this;
        }

        public Builder replayTiming(ReplayTiming value) {
            replayTiming = value;
            return this;
        }

        /** A client connection idle this long between requests is closed. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** A request whose headers are not complete this long after its first byte gets 408. */
        public Builder headerTimeout(Duration value) {
            headerTimeout = value;
            return this;
        }

        /** Which upstreams go through a corporate egress proxy; every one direct by default. */
        public Builder egress(ProxySelection value) {
            egress = value;
            return this;
        }

        /** Upstream calls this run may make; null for no limit. */
        public Builder maxUpstreamCalls(Long value) {
            maxUpstreamCalls = value;
            return this;
        }

        /** Tokens (from the usage of completed calls) after which no more calls go upstream; null for no limit. */
        public Builder maxUpstreamTokens(Long value) {
            maxUpstreamTokens = value;
            return this;
        }

        /** Forward-proxy mode: the hosts whose {@code CONNECT} and absolute-form requests are intercepted. */
        public Builder intercept(InterceptRules value) {
            intercept = value;
            return this;
        }

        /** Where the CA for intercepted hosts lives; default {@code VCR_CA_DIR}, else {@code ~/.vcr-proxy/ca}. */
        public Builder caDirectory(CaDirectory value) {
            caDirectory = value;
            return this;
        }

        public Builder resolve(ResolveRules value) {
            resolve = value;
            return this;
        }

        /** The project file the routes and rules came from (shown by {@code /__vcr/health}); null for none. */
        public Builder projectFile(Path value) {
            projectFile = value;
            return this;
        }

        /** Fault rules applied to hits from the start ({@code --fault}), their seed, and the presets for error shapes. */
        public Builder faults(FaultOptions value) {
            faults = value;
            return this;
        }

        public ProxyConfig build() {
            return new ProxyConfig(bind, port, routes, fixtures, mode, defaultCassette, matchRules, recordErrors,
                    maxBodyBytes, upstreamTimeout, adminToken, cacheMaxBytes, reportFile, replayTiming,
                    idleTimeout, headerTimeout, egress,
                    new Budgets(maxUpstreamCalls, maxUpstreamTokens),
                    intercept, caDirectory != null ? caDirectory : CaDirectory.fromEnv(System.getenv()), resolve,
                    projectFile, faults);
        }
    }
}
