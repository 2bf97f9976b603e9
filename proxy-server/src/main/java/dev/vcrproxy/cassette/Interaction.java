package dev.vcrproxy.cassette;

import java.time.Instant;
import java.util.Comparator;

/** One recorded request and its response; {@code seq} orders identical keys. */
public record Interaction(String key, int seq, Instant recordedAt, long durationMs,
                          RecordedRequest request, RecordedResponse response) {
    public static final Comparator<Interaction> FILE_ORDER =
            Comparator.comparing(Interaction::key).thenComparingInt(Interaction::seq);

    public Interaction withSeq(int newSeq) {
        return new Interaction(key, newSeq, recordedAt, durationMs, request, response);
    }

    /** True when both carry the same exchange, whenever and however fast they were recorded. */
    public boolean sameExchange(Interaction other) {
        return key.equals(other.key) && request.equals(other.request) && response.equals(other.response);
    }

    /** This interaction with the timing of {@code earlier}, so re-recording changes no bytes. */
    public Interaction withTimingOf(Interaction earlier) {
        return new Interaction(key, seq, earlier.recordedAt, earlier.durationMs, request, response);
    }
}
