package dev.vcrproxy.server;

import dev.vcrproxy.admin.AdminContext;
import dev.vcrproxy.admin.AdminRouter;
import dev.vcrproxy.admin.Report;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.forward.LeafCertificates;
import dev.vcrproxy.faults.FaultPlan;
import dev.vcrproxy.mode.ProxyState;
import dev.vcrproxy.mode.SequenceCounters;
import dev.vcrproxy.mode.Stats;
import dev.vcrproxy.mode.Usage;
import dev.vcrproxy.store.AtomicFiles;
import dev.vcrproxy.store.CassetteStore;
import dev.vcrproxy.store.FileCassetteStore;
import dev.vcrproxy.upstream.ProxySelection;
import dev.vcrproxy.upstream.Route;
import dev.vcrproxy.upstream.RouteTable;
import dev.vcrproxy.upstream.UpstreamConnector;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A running vcr-proxy. {@link #start} binds and returns once it takes requests; {@link #close}
 * stops accepting, lets in-flight requests finish, flushes pending recordings and logs a summary.
 */
public final class VcrProxyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VcrProxyServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final ProxyConfig config;
    private final ProxyServices services;
    private final AdminContext adminContext;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private volatile boolean closed;

    private VcrProxyServer(ProxyConfig config, ProxyServices services, AdminContext adminContext, EventLoopGroup boss,
                           EventLoopGroup workers, Channel serverChannel) {
        this.config = config;
        this.services = services;
        this.adminContext = adminContext;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    public static VcrProxyServer start(ProxyConfig config) throws InterruptedException {
        return start(config, UnaryOperator.identity());
    }

    /** With the file store wrapped by {@code storeWrapper}: a seam for tests that need a store to misbehave. */
    static VcrProxyServer start(ProxyConfig config, UnaryOperator<CassetteStore> storeWrapper) throws InterruptedException {
        RouteTable routes = new RouteTable(config.routes());
        Transport transport = Transport.best();
        ProxyState state = new ProxyState(config.mode(), config.defaultCassette());
        Stats stats = new Stats(config.budgets());
        SequenceCounters sequences = new SequenceCounters();
        CassetteStore store = storeWrapper.apply(new FileCassetteStore(config.fixtures(), config.cacheMaxBytes()));
        Usage usage = new Usage();
        FaultPlan faults = new FaultPlan(config.faults().rules(), config.faults().seed());
        AdminContext adminContext = new AdminContext(state, stats, sequences, usage, store, Version.get(),
                config.projectFile() == null ? null : config.projectFile().toString(), faults);
        AdminRouter admin = new AdminRouter(adminContext, config.adminToken());
        UpstreamConnector upstream = new UpstreamConnector(config.upstreamTimeout(), transport.clientChannel(), config.egress(),
                config.resolve());
        logEgress(routes, config);
        LeafCertificates leaves = config.intercept().isEmpty() ? null : Interception.start(config);
        if (leaves != null || routes.routes().stream().anyMatch(Route::isTls)) {
            upstream.tls();
        }
        ProxyServices services = new ProxyServices(config, state, stats, sequences, usage, store, routes, upstream, admin,
                Executors.newSingleThreadExecutor(daemon("vcr-admin")),
                Executors.newFixedThreadPool(2, daemon("vcr-worker")), new InFlight(), new ReplayResponses(),
                new KeyCache(config.matchRules()), leaves, faults, new DriftChecks());
        EventLoopGroup boss = transport.newGroup(1);
        EventLoopGroup workers = transport.newGroup(Runtime.getRuntime().availableProcessors());
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ProxyInitializer(services))
                    .bind(config.bind(), config.port()).sync().channel();
            refuseLoopToItself(routes, config, channel);
            VcrProxyServer server = new VcrProxyServer(config, services, adminContext, boss, workers, channel);
            log.debug("transport {}, {} event loops", transport.name(), Runtime.getRuntime().availableProcessors());
            return server;
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            store.close();
            throw e;
        }
    }

    /** When an egress proxy is configured: which way each upstream goes, the proxy's password masked. */
    private static void logEgress(RouteTable routes, ProxyConfig config) {
        if (!config.egress().usesAProxy()) {
            return;
        }
        for (Route route : routes.routes()) {
            if (route.hasUpstream()) {
                String way = config.egress().explain(route.upstream());
                if (config.egress().forUpstream(route.upstream()).filter(c -> !c.usable()).isPresent()) {
                    log.warn("upstream {} {}", route.upstream(), way);
                } else {
                    log.info("upstream {} {}", route.upstream(), way);
                }
            }
        }
    }

    /**
     * An upstream that is this proxy would forward every request to itself forever. Refused before
     * the proxy counts as started, so no shutdown summary is logged for a proxy that never ran.
     */
    private static void refuseLoopToItself(RouteTable routes, ProxyConfig config, Channel channel) {
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        for (Route route : routes.routes()) {
            if (route.isLocal(port)) {
                channel.close().syncUninterruptibly();
                throw new IllegalArgumentException("upstream " + route.upstream() + " is this proxy itself"
                        + " (is MODAL_ENDPOINT_URL pointing at the proxy? pass the real endpoint with --upstream)");
            }
        }
        // a shell with the exports of 'vcr-proxy ca env' sends the proxy's own upstream calls back to it, forever
        for (ProxySelection.Choice egress : java.util.Arrays.asList(config.egress().https(), config.egress().http())) {
            if (egress != null && egress.usable() && isThisProxy(egress.proxy().host(), egress.proxy().port(), port)) {
                channel.close().syncUninterruptibly();
                throw new IllegalArgumentException("egress proxy " + egress.proxy().describe() + " (from " + egress.source()
                        + ") is this proxy itself: the exports of 'vcr-proxy ca env' are for the tests' shell; start the proxy"
                        + " without HTTPS_PROXY and HTTP_PROXY");
            }
        }
    }

    private static boolean isThisProxy(String host, int hostPort, int boundPort) {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new Route("/", URI.create("http://" + literal + ":" + hostPort)).isLocal(boundPort);
    }

    /** With {@code --report-file}: the run's report, written at shutdown for CI to upload. */
    private void writeReportFile() {
        if (config.reportFile() == null) {
            return;
        }
        try {
            AtomicFiles.write(config.reportFile(), (Json.pretty(Report.build(adminContext)) + "\n").getBytes(StandardCharsets.UTF_8));
            log.info("report written to {}", config.reportFile());
        } catch (IOException | RuntimeException e) {
            log.error("cannot write the report to {}: {}", config.reportFile(), e.getMessage());
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public int boundPort() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://HOST:PORT} of this proxy. */
    public String baseUrl() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + boundPort();
    }

    public ProxyConfig config() {
        return config;
    }

    public ProxyState state() {
        return services.state();
    }

    public Stats stats() {
        return services.stats();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().syncUninterruptibly();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            if (!services.inFlight().awaitIdle(SHUTDOWN_GRACE)) {
                log.warn("stopping with {} request(s) still in flight after {} s", services.inFlight().count(),
                        SHUTDOWN_GRACE.toSeconds());
            }
            // in verify, the live calls still running decide what the report says: within the same grace
            if (!services.drift().awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn("stopping with {} verify comparison(s) still running after {} s; the report leaves them out",
                        services.drift().running(), SHUTDOWN_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeReportFile();
        services.store().close();
        ((ExecutorService) services.adminExecutor()).shutdown();
        ((ExecutorService) services.worker()).shutdown();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        long faults = services.faults().records().total();
        log.info("vcr-proxy stopped: {}{}", services.stats().summary(), faults > 0 ? " faults=" + faults : "");
    }
}
