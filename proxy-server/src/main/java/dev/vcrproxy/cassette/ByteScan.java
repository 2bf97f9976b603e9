package dev.vcrproxy.cassette;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Secret shapes in the bytes of a binary body, and in what they inflate to when they are gzip,
 * zlib or raw deflate data (a client's {@code Content-Encoding: gzip} body is stored as sent).
 * Bytes are read as ISO-8859-1, one char per byte, so ASCII-shaped keys match wherever they sit;
 * they are scanned in chunks, so a body that inflates to gigabytes never sits in memory at once.
 */
final class ByteScan {
    /** What was found, and where: "" in the bytes themselves, or e.g. " (gzip-decoded)". */
    record Found(String kind, String where) {
    }

    /** Past this many inflated bytes a body is not worth scanning further; a real compressed one is blocked. */
    static final long MAX_INFLATED = 1L << 30;
    private static final int CHUNK = 64 * 1024;
    /** Longer than any rule's shortest match, so a key split between two chunks is still found. */
    private static final int OVERLAP = 256;
    private static final int MAX_LAYERS = 3;

    private ByteScan() {
    }

    static Optional<Found> find(byte[] bytes) {
        try {
            Optional<String> plain = scan(new ByteArrayInputStream(bytes), Long.MAX_VALUE);
            if (plain.isPresent()) {
                return Optional.of(new Found(plain.get(), ""));
            }
            if (isGzip(bytes) || isZlib(bytes)) {
                return layer(new ByteArrayInputStream(bytes), "", 0);
            }
            // Raw deflate has no magic number: try it, and let data that is not deflate fail quickly.
            return speculativeRawDeflate(bytes);
        } catch (IOException e) {
            return Optional.empty(); // a memory stream does not fail; a broken compressed one ends its scan
        }
    }

    private static Optional<Found> layer(InputStream in, String where, int depth) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, CHUNK);
        buffered.mark(2);
        byte[] head = buffered.readNBytes(2);
        buffered.reset();
        if (depth < MAX_LAYERS && isGzip(head)) {
            return decoded(new GZIPInputStream(buffered, CHUNK), where + " (gzip-decoded)", depth);
        }
        if (depth < MAX_LAYERS && isZlib(head)) {
            return decoded(new InflaterInputStream(buffered, new Inflater(), CHUNK), where + " (deflate-decoded)", depth);
        }
        if (depth == 0) {
            return Optional.empty(); // the plain bytes were scanned already
        }
        Optional<String> kind = scan(buffered, MAX_INFLATED);
        return kind.map(k -> new Found(k, where));
    }

    private static Optional<Found> decoded(InputStream in, String where, int depth) {
        try (in) {
            return layer(in, where, depth + 1);
        } catch (TooLarge e) {
            return Optional.of(new Found("compressed body over " + (MAX_INFLATED >> 30) + " GiB inflated (not scanned to its end)", where));
        } catch (IOException e) {
            return Optional.empty(); // corrupt or cut short: what inflated before the damage was scanned
        }
    }

    private static Optional<Found> speculativeRawDeflate(byte[] bytes) {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes), new Inflater(true), CHUNK)) {
            return scan(in, MAX_INFLATED).map(kind -> new Found(kind, " (deflate-decoded)"));
        } catch (IOException e) {
            return Optional.empty(); // not deflate data, or too much of it to be a body anyone sent
        }
    }

    /** The kind of the first secret in the stream, read chunk by chunk with an overlap. */
    private static Optional<String> scan(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[OVERLAP + CHUNK];
        int kept = 0;
        long total = 0;
        while (true) {
            int n = in.readNBytes(buffer, kept, CHUNK);
            if (n <= 0) {
                return Optional.empty();
            }
            total += n;
            if (total > limit) {
                throw new TooLarge();
            }
            int length = kept + n;
            Optional<SecretScanner.Rule> rule = SecretScanner.firstMatch(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
            if (rule.isPresent()) {
                return Optional.of(rule.get().kind());
            }
            kept = Math.min(OVERLAP, length);
            System.arraycopy(buffer, length - kept, buffer, 0, kept);
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** A zlib header: deflate method, and a check value that makes the first two bytes a multiple of 31. */
    private static boolean isZlib(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0x0f) == 8 && (((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff)) % 31 == 0;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("inflated past the scanning limit");
        }
    }
}
