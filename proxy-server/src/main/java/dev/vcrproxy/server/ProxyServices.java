package dev.vcrproxy.server;

import dev.vcrproxy.admin.AdminRouter;
import dev.vcrproxy.forward.LeafCertificates;
import dev.vcrproxy.faults.FaultPlan;
import dev.vcrproxy.mode.ProxyState;
import dev.vcrproxy.mode.SequenceCounters;
import dev.vcrproxy.mode.Stats;
import dev.vcrproxy.mode.Usage;
import dev.vcrproxy.store.CassetteStore;
import dev.vcrproxy.upstream.RouteTable;
import dev.vcrproxy.upstream.UpstreamConnector;

import java.util.concurrent.Executor;

/**
 * The long-lived parts every request handler of one proxy shares. {@code worker} takes CPU work
 * too big for an event loop (keying bodies of many MiB, signing certificates, comparing live answers
 * in verify). {@code leaves} is null
 * unless {@code --intercept} names hosts.
 */
record ProxyServices(ProxyConfig config, ProxyState state, Stats stats, SequenceCounters sequences, Usage usage,
                     CassetteStore store, RouteTable routes, UpstreamConnector upstream, AdminRouter admin,
                     Executor adminExecutor, Executor worker, InFlight inFlight, ReplayResponses replays, KeyCache keys,
                     LeafCertificates leaves,
                     FaultPlan faults, DriftChecks drift) {
}
