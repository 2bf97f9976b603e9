package dev.vcrproxy.server;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** The bytes of a response being recorded, up to a limit. */
final class CaptureBuffer {
    private static final int DEFAULT_CAPACITY = 8192;
    private static final int MAX_FIRST_CAPACITY = 1 << 20;

    private final long limit;
    private byte[] bytes;
    private int size;

    /** {@code expectedLength} is the response's Content-Length, or -1 when it has none. */
    CaptureBuffer(long limit, long expectedLength) {
        this.limit = limit;
        long first = expectedLength < 0 ? DEFAULT_CAPACITY : Math.min(expectedLength, MAX_FIRST_CAPACITY);
        this.bytes = new byte[(int) Math.min(first, limit)];
    }

    /** Appends the readable bytes of {@code data} without consuming them; false when over the limit. */
    boolean append(ByteBuf data) {
        int n = data.readableBytes();
        if ((long) size + n > limit) {
            return false;
        }
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + n, bytes.length * 2L)));
        }
        data.getBytes(data.readerIndex(), bytes, size, n);
        size += n;
        return true;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
