package dev.vcrproxy.mode;

import dev.vcrproxy.cassette.CassetteName;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The mode and active cassette of a running proxy, swapped atomically. Each request reads one
 * snapshot, so a change takes effect for the next request while in-flight ones finish as begun.
 */
public final class ProxyState {
    /** One consistent view of the settings an admin call can change. */
    public record Snapshot(Mode mode, CassetteName activeCassette) {
    }

    private final AtomicReference<Snapshot> current;

    public ProxyState(Mode mode, CassetteName activeCassette) {
        this.current = new AtomicReference<>(new Snapshot(mode, activeCassette));
    }

    public Snapshot snapshot() {
        return current.get();
    }

    public Mode mode() {
        return current.get().mode();
    }

    /** Sets the mode; returns the previous one. */
    public Mode setMode(Mode mode) {
        return current.getAndUpdate(s -> new Snapshot(mode, s.activeCassette())).mode();
    }

    /** Sets the active cassette; returns the previous one. */
    public CassetteName setActiveCassette(CassetteName name) {
        return current.getAndUpdate(s -> new Snapshot(s.mode(), name)).activeCassette();
    }
}
