package dev.vcrproxy.store;

import dev.vcrproxy.cassette.Cassette;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cassette as the store last read or wrote it, with the stamp of its file then: the cache holds
 * these, so that a file changed on disk (a hand edit, {@code git checkout}, {@code lint --fix},
 * {@code prune}) is read again instead of being served stale or overwritten.
 */
final class LoadedCassette {
    /**
     * A replay looks at the file at most this often per cassette. One stat costs about 1.3 µs,
     * close to a tenth of a whole replayed request at full speed; once per 10 ms it costs nothing
     * measurable, and no edit by a person or a tool lands within 10 ms of the previous request.
     */
    static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Cassette cassette;
    private final Path file;
    private volatile FileStamp stamp;
    private volatile long nextCheckNanos;
    private final AtomicBoolean verifying = new AtomicBoolean();

    LoadedCassette(Cassette cassette, Path file, FileStamp stamp) {
        this.cassette = cassette;
        this.file = file;
        this.stamp = stamp;
        this.nextCheckNanos = System.nanoTime() + RECHECK_NANOS;
    }

    Cassette cassette() {
        return cassette;
    }

    Path file() {
        return file;
    }

    /** False when the cassette had no file yet. */
    boolean hasFile() {
        return stamp.exists();
    }

    /** About what the file weighs: the parsed cassette takes more, but in proportion. */
    int weight() {
        return stamp.exists() ? (int) Math.min(Integer.MAX_VALUE, Math.max(stamp.size(), 1)) : 1024;
    }

    /** True at most once per {@link #RECHECK_NANOS}: time for the replay side to look at the file again. */
    boolean dueForCheck() {
        long now = System.nanoTime();
        if (now - nextCheckNanos < 0) {
            return false;
        }
        nextCheckNanos = now + RECHECK_NANOS;
        return true;
    }

    /**
     * The replay side, on an event loop, when {@link #dueForCheck}: false when the file visibly changed (size, time, identity).
     * A racy stamp is trusted until its coarse-time window has passed; then its content is checked
     * once on {@code io}, and {@code onChanged} runs if the content differs after all.
     */
    boolean stillCurrent(Executor io, Runnable onChanged) {
        FileStamp seen = stamp;
        try {
            if (!seen.sameAttributes(FileStamp.stat(file))) {
                return false;
            }
        } catch (IOException e) {
            return false; // reading it again reports the problem
        }
        if (seen.racy() && windowPassed(seen) && verifying.compareAndSet(false, true)) {
            io.execute(() -> {
                try {
                    if (contentUnchanged(seen)) {
                        stamp = seen.retaken();
                    } else {
                        onChanged.run();
                    }
                } finally {
                    verifying.set(false);
                }
            });
        }
        return true;
    }

    /** The write side, on an I/O thread: exact, the content checked whenever the stamp is racy. */
    boolean unchangedOnDisk() {
        FileStamp seen = stamp;
        try {
            if (!seen.sameAttributes(FileStamp.stat(file))) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (!seen.racy()) {
            return true;
        }
        if (!contentUnchanged(seen)) {
            return false;
        }
        if (windowPassed(seen)) {
            stamp = seen.retaken();
        }
        return true;
    }

    private boolean contentUnchanged(FileStamp seen) {
        try {
            return FileStamp.crcOf(file) == seen.crc();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean windowPassed(FileStamp seen) {
        return System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(seen.mtimeNanos()) >= FileStamp.COARSE_MTIME;
    }
}
