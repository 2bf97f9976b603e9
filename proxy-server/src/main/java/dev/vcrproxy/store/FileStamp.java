package dev.vcrproxy.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * What a cassette file was when the store last read or wrote it: size, modification time, file
 * identity (inode: a rename over the file, as git, editors and {@code lint --fix} do, is always a
 * change) and a CRC of the content. The content check covers what the cheap attributes miss: many
 * file systems keep modification times in coarse ticks (ext4 a few ms, HFS+ 1 s, FAT 2 s), so an
 * in-place rewrite of the same size just after a read can keep every attribute. A stamp taken
 * within {@link #COARSE_MTIME} of the file's modification is "racy", as git calls it, and needs
 * the content check; an older one can trust the attributes alone.
 */
record FileStamp(boolean exists, long size, long mtimeNanos, Object fileKey, long crc, long takenAtMillis) {
    static final long COARSE_MTIME = TimeUnit.SECONDS.toMillis(2);
    static final FileStamp ABSENT = new FileStamp(false, -1, 0, null, 0, 0);

    /** The attributes of {@code file}, following links, or null when there is no file. */
    static BasicFileAttributes stat(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static FileStamp of(BasicFileAttributes attributes, long crc) {
        if (attributes == null) {
            return ABSENT;
        }
        return new FileStamp(true, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                attributes.fileKey(), crc, System.currentTimeMillis());
    }

    /** True when {@code now} (from {@link #stat}) still looks like this stamp. */
    boolean sameAttributes(BasicFileAttributes now) {
        if (now == null || !exists) {
            return now == null && !exists;
        }
        return now.size() == size && now.lastModifiedTime().to(TimeUnit.NANOSECONDS) == mtimeNanos
                && Objects.equals(now.fileKey(), fileKey);
    }

    /** Taken so soon after the file's last change that a later same-tick change may not show in the attributes. */
    boolean racy() {
        return exists && Math.abs(takenAtMillis - TimeUnit.NANOSECONDS.toMillis(mtimeNanos)) < COARSE_MTIME;
    }

    /** The same stamp, taken again now (after the content check confirmed it). */
    FileStamp retaken() {
        return new FileStamp(exists, size, mtimeNanos, fileKey, crc, System.currentTimeMillis());
    }

    static long crc(byte[] content) {
        return crc(List.of(content));
    }

    static long crc(List<byte[]> parts) {
        CRC32C crc = new CRC32C();
        parts.forEach(crc::update);
        return crc.getValue();
    }

    /** The CRC of the file as it is now, read in pieces (a cassette may be large). */
    static long crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }
}
