package dev.vcrproxy.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content:
 * write a temp file in the same folder, fsync it, rename it over the target, fsync the folder.
 */
public final class AtomicFiles {
    static final String TEMP_PREFIX = ".vcr-tmp-";

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, List.of(content));
    }

    /** The same, for content in pieces: written with gathering writes, never joined in memory. */
    public static void write(Path target, List<byte[]> content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer[] buffers = content.stream().map(ByteBuffer::wrap).toArray(ByteBuffer[]::new);
                long remaining = content.stream().mapToLong(b -> b.length).sum();
                while (remaining > 0) {
                    remaining -= channel.write(buffers);
                }
                channel.force(true);
            }
            makeReadable(temp, target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Temp files start owner-only; a cassette keeps the target's permissions, else rw-r--r--. */
    private static void makeReadable(Path temp, Path target) {
        try {
            Set<PosixFilePermission> permissions = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temp, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot fsync a directory; the rename itself is still atomic there.
        }
    }
}
