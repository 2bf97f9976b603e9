package dev.vcrproxy.cassette;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as a cassette stores it: when it arrived ({@code t_ms} after the response
 * started), its data (lines joined with {@code \n}) and its optional event type, id and retry.
 * Replay must send the bytes the upstream sent, so the event also keeps its line end ({@code \n},
 * or Gemini's {@code \r\n}) and, only when the upstream's bytes are not the usual layout
 * (field order, no space after the colon, no closing blank line), those exact bytes as {@code wire}.
 */
public record StreamEvent(long tMs, String data, String event, String id, Long retry, String lineEnd, String wire) {
    public static final String LF = "\n";

    public StreamEvent {
        lineEnd = lineEnd == null ? LF : lineEnd;
        if (!lineEnd.equals(LF) && !lineEnd.equals("\r\n") && !lineEnd.equals("\r")) {
            throw new IllegalArgumentException("line end must be \\n, \\r\\n or \\r");
        }
    }

    public StreamEvent(long tMs, String data, String event, String id, Long retry) {
        this(tMs, data, event, id, retry, LF, null);
    }

    /** The bytes replay sends: the upstream's own when kept, else the usual layout with this event's line end. */
    public byte[] wireBytes() {
        return (wire != null ? wire : usualLayout(lineEnd)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code event:}, {@code id:}, {@code retry:}, one {@code data:} line per data line, a blank line. */
    public String usualLayout(String eol) {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (event != null) {
            out.append("event: ").append(event).append(eol);
        }
        if (id != null) {
            out.append("id: ").append(id).append(eol);
        }
        if (retry != null) {
            out.append("retry: ").append(retry).append(eol);
        }
        for (String line : data.split("\n", -1)) {
            out.append("data: ").append(line).append(eol);
        }
        out.append(eol);
        return out.toString();
    }
}
