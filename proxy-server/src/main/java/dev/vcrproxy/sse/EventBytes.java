package dev.vcrproxy.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of the event being parsed, as the upstream sent them, minus comment lines; and the
 * event's line end, taken from its first line. A {@code \r} is a line end of its own until a
 * {@code \n} right after it makes it {@code \r\n}.
 */
final class EventBytes {
    private byte[] bytes = new byte[256];
    private int size;
    private int lineStart;
    private boolean lastLineDropped;
    private String lineEnd;
    private boolean firstLineEndsInCr;

    void content(byte b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = b;
    }

    /** The current line ends with {@code eol} ({@code \n}, {@code \r}, or 0 for the end of the stream). */
    void endLine(byte eol) {
        if (eol != 0) {
            content(eol);
        }
        if (lineEnd == null && eol != 0) {
            lineEnd = eol == '\n' ? "\n" : "\r";
            firstLineEndsInCr = eol == '\r';
        } else {
            firstLineEndsInCr = false;
        }
        lastLineDropped = false;
        lineStart = size;
    }

    /** The current line is left out (a comment), its line end too. */
    void dropLine() {
        size = lineStart;
        lastLineDropped = true;
        firstLineEndsInCr = false;
    }

    /** The {@code \n} that completes the {@code \r\n} ending the previous line. */
    void crFollowedByLf() {
        if (lastLineDropped) {
            return;
        }
        content((byte) '\n');
        lineStart = size;
        if (firstLineEndsInCr) {
            lineEnd = "\r\n";
            firstLineEndsInCr = false;
        }
    }

    String lineEnd() {
        return lineEnd == null ? "\n" : lineEnd;
    }

    String text() {
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }

    void reset() {
        size = 0;
        lineStart = 0;
        lastLineDropped = false;
        lineEnd = null;
        firstLineEndsInCr = false;
    }
}
