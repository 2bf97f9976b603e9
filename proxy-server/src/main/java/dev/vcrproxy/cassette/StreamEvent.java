package dev.vcrproxy.cassette;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as a cassette stores it: when it arrived ({@code t_ms} after the response
 * started), its data (lines joined with {@code \n}) and its optional event type, id and retry.
 */
public record StreamEvent(long tMs, String data, String event, String id, Long retry) {

    /** The event on the wire: {@code event:}, {@code id:}, {@code retry:}, one {@code data:} line per data line, blank line. */
    public byte[] wireBytes() {
        StringBuilder out = new StringBuilder(data.length() + 32);
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            out.append("retry: ").append(retry).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
