package dev.vcrproxy.interop;

import java.util.concurrent.Callable;

/** A live call's result or its failure, kept from the recording run for the test that replays it. */
record Outcome(Object value, Throwable failure) {
    static Outcome of(Callable<?> call) {
        try {
            return new Outcome(call.call(), null);
        } catch (Exception | AssertionError e) {
            return new Outcome(null, e);
        }
    }

    Object get() {
        if (failure != null) {
            throw new AssertionError("the live call through the recording proxy failed: " + failure, failure);
        }
        return value;
    }
}
