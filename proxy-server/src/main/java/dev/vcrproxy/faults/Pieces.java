package dev.vcrproxy.faults;

import dev.vcrproxy.cassette.StreamEvent;
import dev.vcrproxy.sse.ReplayTiming;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writes that send a faulted body or event stream, each with the pause before it. Plain data,
 * so what a fault does to the bytes is unit-tested without a socket.
 */
public final class Pieces {
    /** One write: its bytes and how long to wait before it. */
    public record Piece(byte[] bytes, long delayMs) {
    }

    private Pieces() {
    }

    /** A whole body: cut after half its bytes, and/or in writes of {@code rechunk} bytes. */
    public static List<Piece> ofBody(byte[] body, Faults faults) {
        byte[] sent = faults.cut() ? Arrays.copyOf(body, body.length / 2) : body;
        if (faults.rechunk() > 0) {
            return split(sent, faults.rechunk());
        }
        return sent.length == 0 ? List.of() : List.of(new Piece(sent, 0));
    }

    /**
     * Recorded events: without a final {@code data: [DONE]} for {@code drop-done}, only the first N
     * for {@code cut:N}; one write per event with its recorded gap, or, for {@code rechunk:N}, the
     * events' bytes back to back in writes of N bytes that split events and UTF-8 characters alike.
     */
    public static List<Piece> ofEvents(List<StreamEvent> events, Faults faults, ReplayTiming timing) {
        List<StreamEvent> sent = events;
        if (faults.dropDone() && !sent.isEmpty() && isDone(sent.get(sent.size() - 1))) {
            sent = sent.subList(0, sent.size() - 1);
        }
        if (faults.cut() && faults.cutAfterEvents() < sent.size()) {
            sent = sent.subList(0, (int) faults.cutAfterEvents());
        }
        if (faults.rechunk() > 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            sent.forEach(e -> all.writeBytes(e.wireBytes()));
            return split(all.toByteArray(), faults.rechunk());
        }
        List<Piece> out = new ArrayList<>(sent.size());
        long previous = 0;
        for (StreamEvent event : sent) {
            out.add(new Piece(event.wireBytes(), timing.delayMs(event.tMs() - previous)));
            previous = event.tMs();
        }
        return out;
    }

    static boolean isDone(StreamEvent event) {
        return event.data().trim().equals("[DONE]");
    }

    private static List<Piece> split(byte[] bytes, int size) {
        List<Piece> out = new ArrayList<>(bytes.length / size + 1);
        for (int from = 0; from < bytes.length; from += size) {
            out.add(new Piece(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)), 0));
        }
        return out;
    }
}
