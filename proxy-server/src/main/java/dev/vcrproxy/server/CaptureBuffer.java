package dev.vcrproxy.server;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/** The bytes of a response being recorded, up to a limit. */
final class CaptureBuffer {
    private final long limit;
    private byte[] bytes = new byte[8192];
    private int size;

    CaptureBuffer(long limit) {
        this.limit = limit;
    }

    /** Appends the readable bytes of {@code data} without consuming them; false when over the limit. */
    boolean append(ByteBuf data) {
        int n = data.readableBytes();
        if ((long) size + n > limit) {
            return false;
        }
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
        }
        data.getBytes(data.readerIndex(), bytes, size, n);
        size += n;
        return true;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }
}
