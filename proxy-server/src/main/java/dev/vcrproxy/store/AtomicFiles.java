package dev.vcrproxy.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content:
 * write a temp file in the same folder, fsync it, rename it over the target, fsync the folder.
 */
public final class AtomicFiles {
    /**
     * Temp files are {@code .vcr~NAME~RANDOM.tmp}: {@code ~} is outside the cassette name alphabet, so
     * no cassette file can ever take this form, and cleanup matches only it.
     */
    private static final Pattern TEMP_NAME = Pattern.compile("\\.vcr~.+~[0-9a-z]+\\.tmp");
    /** The form of earlier versions; it ends in {@code .tmp}, so it cannot be a cassette file either. */
    private static final Pattern OLD_TEMP_NAME = Pattern.compile("\\.vcr-tmp-.+-[0-9a-z]+\\.tmp");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private AtomicFiles() {
    }

    /** True for a temp file this class creates (or an earlier version created): never a cassette. */
    public static boolean isTempFile(Path file) {
        String name = file.getFileName().toString();
        return TEMP_NAME.matcher(name).matches() || OLD_TEMP_NAME.matcher(name).matches();
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, List.of(content));
    }

    /** The same, for content in pieces: written with gathering writes, never joined in memory. */
    public static void write(Path target, List<byte[]> content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Path temp = writeTemp(dir, target.getFileName().toString(), content);
        boolean moved = false;
        try {
            makeReadable(temp, target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        syncDirectory(dir);
    }

    /**
     * Writes and fsyncs a new owner-only file {@code .vcr~NAME~RANDOM.tmp} in {@code dir}. Like
     * {@link Files#createTempFile} but opened once and named without a SecureRandom: the name only has to be new.
     */
    private static Path writeTemp(Path dir, String name, List<byte[]> content) throws IOException {
        while (true) {
            Path temp = dir.resolve(".vcr~" + name + "~" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            FileChannel channel;
            try {
                channel = createOwnerOnly(temp);
            } catch (FileAlreadyExistsException e) {
                continue; // a left-over temp file with the same name: try another
            }
            try (channel) {
                writeFully(channel, content);
                channel.force(true);
                return temp;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
    }

    private static FileChannel createOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(file, options, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options);
        }
    }

    private static void writeFully(FileChannel channel, List<byte[]> content) throws IOException {
        ByteBuffer[] buffers = new ByteBuffer[content.size()];
        long remaining = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(content.get(i));
            remaining += buffers[i].remaining();
        }
        while (remaining > 0) {
            remaining -= channel.write(buffers);
        }
    }

    /** Temp files start owner-only; a cassette keeps the target's permissions, else rw-r--r--. */
    private static void makeReadable(Path temp, Path target) {
        try {
            Set<PosixFilePermission> permissions;
            try {
                permissions = Files.getPosixFilePermissions(target);
            } catch (NoSuchFileException e) {
                permissions = PosixFilePermissions.fromString("rw-r--r--");
            }
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
