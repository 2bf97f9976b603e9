package dev.vcrproxy.store;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
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
import java.util.SortedSet;
import java.util.TreeSet;
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
    private final Map<CassetteName, Integer> fileSizes = new ConcurrentHashMap<>();
    /**
     * Each interaction's text in the file, by identity: rewriting a cassette serializes only what is
     * new. Maintenance on the writing thread: a recording should not wait for a pool thread to wake.
     */
    private final LoadingCache<Interaction, byte[]> texts = Caffeine.newBuilder().executor(Runnable::run)
            .weakKeys().maximumWeight(64L << 20).weigher((Interaction i, byte[] text) -> text.length)
            .build(CassetteCodec::interactionBytes);

    public FileCassetteStore(Path root, long cacheMaxBytes) {
        this.root = root.toAbsolutePath().normalize();
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "vcr-store-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Loads go through io explicitly (see load), so the cache only holds completed futures and
        // its maintenance can run on the caller: on the replay path, that saves waking a thread.
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(cacheMaxBytes)
                .weigher((CassetteName name, Cassette cassette) -> weight(name))
                .buildAsync();
    }

    public Path root() {
        return root;
    }

    @Override
    public SortedSet<CassetteName> stored() throws IOException {
        SortedSet<CassetteName> names = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        for (CassetteFiles.Entry entry : CassetteFiles.list(root)) {
            if (entry.name() != null && CassetteFiles.holdsCassette(entry.file())) {
                names.add(entry.name());
            }
        }
        return names;
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
        Optional<SecretScanner.Finding> secret = SecretScanner.scan(name, draft);
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
        boolean maybeUnchanged = previous != null && previous.sameExchange(interaction);
        if (maybeUnchanged) {
            interaction = interaction.withTimingOf(previous);
        }
        Cassette next = current.with(interaction);
        writeFile(next, maybeUnchanged);
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
            fileSizes.put(name, bytes.length);
            return new Cassette(name, read.interactions());
        } catch (NoSuchFileException e) {
            return Cassette.empty(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cassette " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the cassette; when it may equal the file already there, only if it differs. */
    private void writeFile(Cassette cassette, boolean maybeUnchanged) {
        Path file = cassette.name().fileIn(root);
        List<byte[]> parts = CassetteCodec.parts(cassette, texts::get);
        fileSizes.put(cassette.name(), parts.stream().mapToInt(p -> p.length).sum());
        try {
            if (maybeUnchanged && Files.exists(file) && sameContent(file, parts)) {
                return;
            }
            AtomicFiles.write(file, parts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cassette " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(CassetteName name) {
        cache.synchronous().invalidate(name);
    }

    private static boolean sameContent(Path file, List<byte[]> parts) throws IOException {
        byte[] existing = Files.readAllBytes(file);
        int at = 0;
        for (byte[] part : parts) {
            if (at + part.length > existing.length
                    || !Arrays.equals(existing, at, at + part.length, part, 0, part.length)) {
                return false;
            }
            at += part.length;
        }
        return at == existing.length;
    }

    /** A cassette weighs about what its file does (parsed JSON takes more, but in proportion). */
    private int weight(CassetteName name) {
        return fileSizes.getOrDefault(name, 1024);
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
