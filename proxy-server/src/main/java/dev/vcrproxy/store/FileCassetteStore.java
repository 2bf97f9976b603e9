package dev.vcrproxy.store;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.SecretScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cassettes as {@code NAME.json} files under one folder. Reads go through a Caffeine cache
 * bounded by file size; writes run on a small I/O pool, serialized per cassette, each one an
 * atomic replace of the whole file.
 */
public final class FileCassetteStore implements CassetteStore {
    private static final Logger log = LoggerFactory.getLogger(FileCassetteStore.class);

    private final Path root;
    private final ExecutorService io;
    private final AsyncCache<CassetteName, Cassette> cache;
    private final Map<CassetteName, Object> writeLocks = new ConcurrentHashMap<>();
    /** Per cassette and key: the recordings that record mode replaced in this run. */
    private final Map<CassetteName, Map<String, List<Interaction>>> replacedThisRun = new ConcurrentHashMap<>();

    public FileCassetteStore(Path root, long cacheMaxBytes) {
        this.root = root.toAbsolutePath().normalize();
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "vcr-store-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.cache = Caffeine.newBuilder()
                .executor(io)
                .maximumWeight(cacheMaxBytes)
                .weigher((CassetteName name, Cassette cassette) -> weight(cassette))
                .buildAsync();
    }

    public Path root() {
        return root;
    }

    @Override
    public CompletableFuture<Cassette> load(CassetteName name) {
        CompletableFuture<Cassette> cached = cache.getIfPresent(name);
        if (cached != null) {
            return cached;
        }
        // Loaded outside the cache so a bad file stays a plain failure, cached only once it parses.
        return CompletableFuture.supplyAsync(() -> {
            Cassette cassette = readFile(name);
            cache.asMap().putIfAbsent(name, CompletableFuture.completedFuture(cassette));
            return cassette;
        }, io);
    }

    @Override
    public Cassette loaded(CassetteName name) {
        CompletableFuture<Cassette> future = cache.getIfPresent(name);
        return future != null && future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
    }

    @Override
    public CompletableFuture<RecordOutcome> record(CassetteName name, Interaction draft, RecordPolicy policy) {
        return CompletableFuture.supplyAsync(() -> {
            synchronized (writeLocks.computeIfAbsent(name, n -> new Object())) {
                return recordLocked(name, draft, policy);
            }
        }, io);
    }

    private RecordOutcome recordLocked(CassetteName name, Interaction draft, RecordPolicy policy) {
        Optional<SecretScanner.Finding> secret = SecretScanner.scan(draft);
        if (secret.isPresent()) {
            return RecordOutcome.blocked(draft, secret.get());
        }
        Cassette current = currentForWrite(name);
        Map<String, List<Interaction>> replaced = replacedThisRun.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        if (policy == RecordPolicy.REPLACE_ON_FIRST_USE && !replaced.containsKey(draft.key())) {
            replaced.put(draft.key(), current.recordings(draft.key()));
            current = current.without(i -> i.key().equals(draft.key()));
        }
        int seq = current.recordings(draft.key()).size();
        Interaction interaction = draft.withSeq(seq);
        Interaction previous = previousRecording(current, replaced, draft.key(), seq);
        if (previous != null && previous.sameExchange(interaction)) {
            interaction = interaction.withTimingOf(previous);
        }
        Cassette next = current.with(interaction);
        writeFile(next);
        cache.put(name, CompletableFuture.completedFuture(next));
        return RecordOutcome.written(interaction);
    }

    private static Interaction previousRecording(Cassette current, Map<String, List<Interaction>> replaced,
                                                 String key, int seq) {
        List<Interaction> old = replaced.getOrDefault(key, current.recordings(key));
        return seq < old.size() ? old.get(seq) : null;
    }

    /** The cassette as it is now: the cached copy when loaded, else the file. */
    private Cassette currentForWrite(CassetteName name) {
        Cassette cached = loaded(name);
        return cached != null ? cached : readFile(name);
    }

    private Cassette readFile(CassetteName name) {
        Path file = name.fileIn(root);
        try {
            byte[] bytes = Files.readAllBytes(file);
            Cassette read = CassetteCodec.read(bytes, root.relativize(file).toString());
            return new Cassette(name, read.interactions());
        } catch (NoSuchFileException e) {
            return Cassette.empty(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cassette " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeFile(Cassette cassette) {
        Path file = cassette.name().fileIn(root);
        byte[] bytes = CassetteCodec.write(cassette);
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return;
            }
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cassette " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(CassetteName name) {
        cache.synchronous().invalidate(name);
    }

    private static int weight(Cassette cassette) {
        long approx = 512L;
        for (Interaction interaction : cassette.interactions()) {
            approx += 256 + interaction.request().body().bytes().length + interaction.response().body().bytes().length;
        }
        return (int) Math.min(Integer.MAX_VALUE, approx);
    }

    @Override
    public void close() {
        io.shutdown();
        try {
            if (!io.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("cassette writes still running after 30 s; stopping them");
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
