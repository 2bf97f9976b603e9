package dev.vcrproxy.server;

/**
 * Ends one request exactly once, whichever path gets there first (its answer, a failure, an
 * unexpected exception): releases its in-flight count, so a shutdown waits for it and no longer.
 * Used on the connection's event loop only.
 */
final class Ending {
    private final InFlight inFlight;
    private boolean ended;
    private boolean headSent;

    Ending(InFlight inFlight) {
        this.inFlight = inFlight;
        inFlight.begin();
    }

    /** True the first time only. */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        inFlight.end();
        return true;
    }

    boolean isEnded() {
        return ended;
    }

    /** A response head went out: a late failure can only close the connection. */
    void headSent() {
        headSent = true;
    }

    boolean isHeadSent() {
        return headSent;
    }
}
