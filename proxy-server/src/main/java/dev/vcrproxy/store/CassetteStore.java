package dev.vcrproxy.store;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Interaction;

import java.io.IOException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** Cassettes by name: read through a cache, written one writer per cassette. */
public interface CassetteStore extends AutoCloseable {

    /**
     * The cassette, from the cache when loaded, else read on an I/O thread. A missing file is an
     * empty cassette; a bad one fails the future with {@link dev.vcrproxy.cassette.BadCassetteException}.
     */
    CompletableFuture<Cassette> load(CassetteName name);

    /**
     * The cassette if it is already loaded and cached and its file has not changed since, else
     * null: the replay fast path (then {@link #load} reads the file again).
     */
    Cassette loaded(CassetteName name);

    /**
     * Stores {@code draft} (its seq is assigned here) into the cassette as it is on disk now. The
     * future completes once the cassette is durably on disk, or once the recording was refused
     * because it looks like it holds a secret; it fails, leaving the file as it is, when the file
     * no longer parses or its path is refused.
     */
    CompletableFuture<RecordOutcome> record(CassetteName name, Interaction draft, RecordPolicy policy);

    /**
     * Every cassette the store holds now (files that hold a cassette), e.g. to find those a run never
     * used; a store that cannot list them holds none as far as the report is concerned.
     */
    default SortedSet<CassetteName> stored() throws IOException {
        return new TreeSet<>();
    }

    /** Drops the cached copy so the next load reads the file again. */
    void forget(CassetteName name);

    /** Finishes pending writes. */
    @Override
    void close();
}
