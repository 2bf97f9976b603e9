package dev.vcrproxy.cassette;

import java.time.Instant;
import java.util.Comparator;

/**
 * One recorded request and its response; {@code seq} orders identical keys. {@code upstream} is the
 * base URL its route had when it was recorded (null when unknown), so that a replay without routes
 * still knows which {@code Location} headers point back into the recorded service. {@code usage}
 * is the token usage the response reported (null when it reported none, or for older recordings).
 */
public record Interaction(String key, int seq, Instant recordedAt, long durationMs,
                          RecordedRequest request, RecordedResponse response, String upstream, TokenUsage usage) {
    public static final Comparator<Interaction> FILE_ORDER =
            Comparator.comparing(Interaction::key).thenComparingInt(Interaction::seq);

    public Interaction(String key, int seq, Instant recordedAt, long durationMs,
                       RecordedRequest request, RecordedResponse response, String upstream) {
        this(key, seq, recordedAt, durationMs, request, response, upstream, null);
    }

    public Interaction(String key, int seq, Instant recordedAt, long durationMs,
                       RecordedRequest request, RecordedResponse response) {
        this(key, seq, recordedAt, durationMs, request, response, null, null);
    }

    public Interaction withSeq(int newSeq) {
        return new Interaction(key, newSeq, recordedAt, durationMs, request, response, upstream, usage);
    }

    public Interaction withKeyAndSeq(String newKey, int newSeq) {
        return new Interaction(newKey, newSeq, recordedAt, durationMs, request, response, upstream, usage);
    }

    public Interaction withUsage(TokenUsage newUsage) {
        return new Interaction(key, seq, recordedAt, durationMs, request, response, upstream, newUsage);
    }

    /** True when both carry the same exchange, whenever and however fast they were recorded. */
    public boolean sameExchange(Interaction other) {
        return key.equals(other.key) && request.equals(other.request) && response.equals(other.response);
    }

    /** This interaction with the timing of {@code earlier}, so re-recording changes no bytes. */
    public Interaction withTimingOf(Interaction earlier) {
        return new Interaction(key, seq, earlier.recordedAt, earlier.durationMs, request, response,
                upstream != null ? upstream : earlier.upstream, usage);
    }
}
