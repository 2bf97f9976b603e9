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
import java.nio.file.attribute.BasicFileAttributes;
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
    private final AsyncCache<CassetteName, LoadedCassette> cache;
    private final Map<CassetteName, Object> writeLocks = new ConcurrentHashMap<>();
    private final FolderNames folders = new FolderNames();
    /** Per cassette and key: the recordings that record mode replaced in this run. */
    private final Map<CassetteName, Map<String, List<Interaction>>> replacedThisRun = new ConcurrentHashMap<>();
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
                .weigher((CassetteName name, LoadedCassette loaded) -> loaded.weight())
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
        Cassette cached = loaded(name);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        // Loaded outside the cache so a bad file stays a plain failure, cached only once it parses.
        return CompletableFuture.supplyAsync(() -> {
            LoadedCassette read = readFile(name);
            cache.put(name, CompletableFuture.completedFuture(read));
            return read.cassette();
        }, io);
    }

    /** The cached cassette, unless its file changed since: then it is dropped, and the next load reads the file. */
    @Override
    public Cassette loaded(CassetteName name) {
        CompletableFuture<LoadedCassette> future = cache.getIfPresent(name);
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return null;
        }
        LoadedCassette loaded = future.join();
        if (!loaded.dueForCheck() || loaded.stillCurrent(io, () -> cache.asMap().remove(name, future))) {
            return loaded.cassette();
        }
        cache.asMap().remove(name, future);
        return null;
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
        LoadedCassette before = currentForWrite(name);
        Cassette current = before.cassette();
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
        cache.put(name, CompletableFuture.completedFuture(writeFile(next, before.file(), maybeUnchanged)));
        return RecordOutcome.written(interaction);
    }

    private static Interaction previousRecording(Cassette current, Map<String, List<Interaction>> replaced,
                                                 String key, int seq) {
        List<Interaction> old = replaced.getOrDefault(key, current.recordings(key));
        return seq < old.size() ? old.get(seq) : null;
    }

    /**
     * The cassette as it is on disk now: the cached copy while its file is unchanged, else the file
     * read again, so the new recording joins what an edit, a checkout or {@code lint --fix} left
     * there. A file that no longer parses fails the recording and is left as it is.
     */
    private LoadedCassette currentForWrite(CassetteName name) {
        CompletableFuture<LoadedCassette> future = cache.getIfPresent(name);
        LoadedCassette cached = future != null && future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
        // A new file is created only after its path is checked again (a link or a case twin may have appeared).
        if (cached != null && cached.hasFile() && cached.unchangedOnDisk()) {
            return cached;
        }
        LoadedCassette read = readFile(name);
        if (cached != null && cached.hasFile()) {
            log.info("cassette file {} changed on disk; recording into it as it is now", read.file());
        }
        return read;
    }

    private LoadedCassette readFile(CassetteName name) {
        Path file = null;
        try {
            file = CassettePaths.resolve(root, name, folders);
            BasicFileAttributes attributes = FileStamp.stat(file);
            if (attributes == null) {
                return new LoadedCassette(Cassette.empty(name), file, FileStamp.ABSENT);
            }
            byte[] bytes = Files.readAllBytes(file);
            Cassette read = CassetteCodec.read(bytes, name.value() + ".json");
            return new LoadedCassette(new Cassette(name, read.interactions()), file,
                    FileStamp.of(attributes, FileStamp.crc(bytes)));
        } catch (NoSuchFileException e) {
            return new LoadedCassette(Cassette.empty(name), file != null ? file : name.fileIn(root), FileStamp.ABSENT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cassette " + (file != null ? file : name) + ": " + e.getMessage(), e);
        }
    }

    /** Writes the cassette; when it may equal the file already there, only if it differs. */
    private LoadedCassette writeFile(Cassette cassette, Path file, boolean maybeUnchanged) {
        List<byte[]> parts = CassetteCodec.parts(cassette, texts::get);
        try {
            if (!(maybeUnchanged && Files.exists(file) && sameContent(file, parts))) {
                AtomicFiles.write(file, parts);
            }
            return new LoadedCassette(cassette, file, FileStamp.of(FileStamp.stat(file), FileStamp.crc(parts)));
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
