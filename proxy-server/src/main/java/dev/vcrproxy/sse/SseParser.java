package dev.vcrproxy.sse;

import dev.vcrproxy.cassette.StreamEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code text/event-stream} incrementally, as chunks arrive: events may be split across
 * chunks anywhere (even inside a UTF-8 character or between {@code \r} and {@code \n}); lines end
 * in {@code \n}, {@code \r\n} or {@code \r}; comments are skipped; multi-line data is joined with
 * {@code \n}. Follows the field rules of the HTML standard's event-stream interpretation, and keeps
 * what replay needs to send each event's bytes as they came (see {@link StreamEvent}).
 */
public final class SseParser {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final List<StreamEvent> events = new ArrayList<>();
    private StringBuilder data;
    private String event;
    private String id;
    private Long retry;
    private final EventBytes wire = new EventBytes();
    private boolean lastWasCr;
    private boolean dispatchPending;
    private long firstFieldMs = -1;

    /** Feeds the next chunk, received {@code tMs} after the response started. */
    public void feed(byte[] chunk, int offset, int length, long tMs) {
        for (int i = offset; i < offset + length; i++) {
            byte b = chunk[i];
            if (lastWasCr) {
                lastWasCr = false;
                if (b == '\n') {
                    wire.crFollowedByLf();
                    dispatchIfPending(tMs);
                    continue;
                }
                dispatchIfPending(tMs);
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(b, tMs);
            } else {
                line.write(b);
                wire.content(b);
            }
        }
    }

    public void feed(byte[] chunk, long tMs) {
        feed(chunk, 0, chunk.length, tMs);
    }

    /** Ends the stream: a last event without its blank line still counts. Returns every event. */
    public List<StreamEvent> finish(long tMs) {
        lastWasCr = false;
        dispatchIfPending(tMs);
        if (line.size() > 0) {
            endLine((byte) 0, tMs);
        }
        dispatch(tMs);
        return List.copyOf(events);
    }

    /** Ends the current line at terminator {@code eol} ({@code \n}, {@code \r}, or 0 at the stream's end). */
    private void endLine(byte eol, long tMs) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.startsWith(":")) {
            wire.dropLine(); // a comment
            return;
        }
        wire.endLine(eol);
        if (text.isEmpty()) {
            if (eol == '\r') {
                dispatchPending = true; // its \n, if one follows, still belongs to this event
            } else {
                dispatch(tMs);
            }
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (firstFieldMs < 0) {
            firstFieldMs = tMs;
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> event = value;
            case "id" -> {
                if (!value.contains("\0")) {
                    id = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 19) {
                    retry = Long.parseLong(value);
                }
            }
            default -> {
                // unknown fields are ignored, as browsers do
            }
        }
    }

    private void dispatchIfPending(long tMs) {
        if (dispatchPending) {
            dispatchPending = false;
            dispatch(tMs);
        }
    }

    private void dispatch(long tMs) {
        if (data != null) {
            StreamEvent parsed = new StreamEvent(firstFieldMs < 0 ? tMs : firstFieldMs, data.toString(), event, id, retry,
                    wire.lineEnd(), null);
            String sent = wire.text();
            events.add(sent.equals(parsed.usualLayout(parsed.lineEnd())) ? parsed
                    : new StreamEvent(parsed.tMs(), parsed.data(), event, id, retry, parsed.lineEnd(), sent));
        }
        wire.reset();
        data = null;
        event = null;
        id = null;
        retry = null;
        firstFieldMs = -1;
    }
}
