package dev.vcrproxy.admin;

import dev.vcrproxy.faults.FaultPlan;
import dev.vcrproxy.mode.ProxyState;
import dev.vcrproxy.mode.SequenceCounters;
import dev.vcrproxy.mode.Stats;
import dev.vcrproxy.mode.Usage;
import dev.vcrproxy.store.CassetteStore;

/** What admin tasks may read and change in a running proxy; {@code projectFile} is null without one. */
public record AdminContext(ProxyState state, Stats stats, SequenceCounters sequences, Usage usage,
                           CassetteStore store, String version, String projectFile, FaultPlan faults) {
}
