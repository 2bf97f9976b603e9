package dev.vcrproxy.server;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.IncomingRequest;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.InvalidCassetteNameException;
import dev.vcrproxy.faults.FaultRule;
import dev.vcrproxy.faults.InvalidFaultException;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.server.KeyCache.Keyed;
import dev.vcrproxy.mode.Outcome;
import dev.vcrproxy.store.RecordPolicy;
import dev.vcrproxy.upstream.RouteTable;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One proxied request: choose its cassette and route, compute its key, then replay, record or
 * pass it through according to the mode read once at its start.
 */
final class ProxyExchange {
    private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);

    /** Bodies up to this size are keyed on the event loop; larger ones on a worker thread. */
    static final int KEY_INLINE_LIMIT = 256 * 1024;

    private final ProxyServices services;
    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final String method;
    private final String uri;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final Forwarding.Target target;
    private ExchangeContext exchange;

    ProxyExchange(ProxyServices services, ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive,
                  Forwarding.Target target) {
        this.target = target;
        this.services = services;
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.method = request.method().name();
        this.uri = RequestTarget.fromWire(request.uri());
        this.headers = HeaderEntries.of(request.headers());
        this.body = ByteBufUtil.getBytes(request.content());
    }

    void run() {
        QueryStringDecoder decoded = new QueryStringDecoder(uri);
        var snapshot = services.state().snapshot();
        CassetteSelection selection;
        try {
            selection = target.isForward()
                    ? CassetteSelection.forward(header(CassetteSelection.HEADER), target.proxyUser(), decoded.rawPath(),
                            snapshot.activeCassette())
                    : CassetteSelection.of(header(CassetteSelection.HEADER), decoded.rawPath(), snapshot.activeCassette());
        } catch (InvalidCassetteNameException e) {
            ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_invalid_cassette", e.getMessage()), keepAlive);
            return;
        }
        List<FaultRule> faultRules;
        try {
            String faultHeader = header(VcrHeaders.FAULT_REQUEST);
            faultRules = faultHeader == null ? List.of() : FaultRule.parseList(faultHeader);
        } catch (InvalidFaultException e) {
            ProxyResponses.send(ctx, ProxyResponses.error(400, "vcr_invalid_fault", e.getMessage()), keepAlive);
            return;
        }
        RouteTable.Match match = target.isForward()
                ? new RouteTable.Match(target.route(), selection.path().isEmpty() ? "/" : selection.path())
                : services.routes().match(selection.path()).orElseThrow();
        IncomingRequest incoming = new IncomingRequest(method, match.route().prefix(), match.remainder(),
                decoded.rawQuery(), headers, body);
        Ending ending = new Ending(services.inFlight());
        if (body.length <= KEY_INLINE_LIMIT) {
            keyed(snapshot.mode(), selection, match, incoming, services.keys().keyed(incoming), ending, faultRules);
            return;
        }
        // Parsing and hashing a body of many MiB would stall every connection on this event loop.
        CompletableFuture.supplyAsync(() -> Keyed.of(incoming, services.config().matchRules()), services.worker())
                .whenComplete((keyed, error) -> ctx.executor().execute(() -> {
                    try {
                        if (error != null) {
                            throw new CompletionException(error);
                        }
                        keyed(snapshot.mode(), selection, match, incoming, keyed, ending, faultRules);
                    } catch (RuntimeException e) {
                        ExchangeContext.internalError(ctx, ending, keepAlive, method + " " + decoded.rawPath(), e);
                    }
                }));
    }

    private void keyed(Mode mode, CassetteSelection selection, RouteTable.Match match, IncomingRequest incoming,
                       Keyed keyed, Ending ending, List<FaultRule> faultRules) {
        exchange = new ExchangeContext(services, ctx, keepAlive, selection.cassette(), match, incoming,
                keyed.recorded(), keyed.key(), selection.pathPrefix(), ending, faultRules);
        if (mode == Mode.PASSTHROUGH) {
            forward(null);
            return;
        }
        Cassette loaded = services.store().loaded(selection.cassette());
        if (loaded != null) {
            decide(mode, loaded);
        } else {
            services.store().load(selection.cassette()).whenComplete((cassette, error) ->
                    ctx.executor().execute(() -> exchange.guard(() -> {
                        if (error != null) {
                            failLoad(error);
                        } else {
                            decide(mode, cassette);
                        }
                    })));
        }
    }

    private void decide(Mode mode, Cassette cassette) {
        if (mode == Mode.RECORD) {
            forward(RecordPolicy.REPLACE_ON_FIRST_USE);
            return;
        }
        List<Interaction> recordings = cassette.recordings(exchange.key());
        var sequences = services.sequences();
        int use = sequences.next(exchange.cassette(), exchange.key());
        if (use < recordings.size()) {
            replay(mode, recordings.get(use));
        } else if (mode == Mode.RECORD_MISSING && (recordings.isEmpty() || pollingForMore(recordings))) {
            sequences.recording(exchange.cassette(), exchange.key());
            forward(RecordPolicy.APPEND);
        } else if (!recordings.isEmpty()) {
            replay(mode, recordings.get(recordings.size() - 1));
        } else {
            Miss.answer(exchange, cassette);
        }
    }

    private void replay(Mode mode, Interaction interaction) {
        Replay.send(interaction, exchange);
        if (mode == Mode.VERIFY) {
            // started once the answer has gone out: the client never waits for the live call
            services.drift().start(exchange, interaction);
        }
    }

    /**
     * A key recorded in this run whose last answer was a redirect is a client polling (Modal's long
     * calls answer 303 back to the same URL until the result is ready): replaying that redirect
     * again would loop, so its repeats are recorded too, in order.
     */
    private boolean pollingForMore(List<Interaction> recordings) {
        int status = recordings.get(recordings.size() - 1).response().status();
        return status / 100 == 3 && services.sequences().isRecording(exchange.cassette(), exchange.key());
    }

    private void forward(RecordPolicy policy) {
        if (!exchange.match().route().hasUpstream()) {
            exchange.finish(Outcome.UPSTREAM_ERROR, ProxyResponses.error(502, "vcr_upstream_error",
                    "no upstream for route " + exchange.match().route().prefix()
                            + " (start the proxy with --upstream URL or --route PREFIX=URL to " + modeVerb(policy) + ")"), null);
            return;
        }
        var refusal = services.stats().ledger().tryUpstreamCall(exchange.cassette());
        if (refusal.isPresent()) {
            BudgetRefusal.answer(exchange, refusal.get());
            return;
        }
        new RecordingRelay(exchange, policy).start();
    }

    private static String modeVerb(RecordPolicy policy) {
        return policy == null ? "pass requests through" : "record";
    }

    private void failLoad(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InvalidCassetteNameException refused) {
            exchange.finish(null, ProxyResponses.error(400, "vcr_invalid_cassette", refused.getMessage()), null);
            return;
        }
        String message = cause instanceof BadCassetteException bad
                ? "cassette file " + bad.getMessage() + "; fix the file or delete it to record afresh"
                : "cannot read cassette '" + exchange.cassette() + "': " + cause.getMessage();
        log.error("{}", message);
        FullHttpResponse response = ProxyResponses.error(500, "vcr_bad_cassette", message);
        exchange.finish(null, response, null);
    }

    private String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equals(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
