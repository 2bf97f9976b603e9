package dev.vcrproxy.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts requests being answered, so a shutdown can let them finish. */
final class InFlight {
    private final AtomicInteger count = new AtomicInteger();

    void begin() {
        count.incrementAndGet();
    }

    void end() {
        count.decrementAndGet();
    }

    int count() {
        return count.get();
    }

    /** Waits until no request is in flight or {@code limit} passes; true when all finished. */
    boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
