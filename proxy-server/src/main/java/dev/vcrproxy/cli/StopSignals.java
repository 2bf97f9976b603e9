package dev.vcrproxy.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.List;

/**
 * Runs a stop action on SIGTERM or Ctrl-C so that {@code serve} can finish its work and exit 0,
 * as an orderly stop should (a JVM killed by SIGTERM would exit 143). A shutdown hook covers
 * the other ways a JVM ends.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {
    }

    static void onStop(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "vcr-proxy-shutdown"));
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(stop, "vcr-proxy-stop").start());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                log.debug("cannot handle SIG{} here; the shutdown hook will stop the proxy", name);
            }
        }
    }
}
