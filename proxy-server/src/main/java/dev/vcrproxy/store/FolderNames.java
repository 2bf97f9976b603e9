package dev.vcrproxy.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry names of folders by lower case, for the case-twin check: a suite replaying thousands
 * of cassettes from one folder lists it once, not once per cassette. A folder is listed again when
 * its modification time or identity changes, or while that time is too recent to trust (see
 * {@link FileStamp}).
 */
final class FolderNames {
    private record Listing(long mtimeMillis, Object fileKey, long listedAtMillis, Map<String, List<String>> byLowerCase) {
    }

    private final Map<Path, Listing> listings = new ConcurrentHashMap<>();

    /** The names in {@code dir} equal to {@code name} ignoring case (including {@code name} itself). */
    List<String> spellings(Path dir, String name) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
        long mtime = attributes.lastModifiedTime().toMillis();
        Listing listing = listings.get(dir);
        if (listing == null || listing.mtimeMillis() != mtime || !Objects.equals(listing.fileKey(), attributes.fileKey())
                || Math.abs(listing.listedAtMillis() - mtime) < FileStamp.COARSE_MTIME) {
            listing = list(dir, mtime, attributes.fileKey());
            listings.put(dir, listing);
        }
        return listing.byLowerCase().getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static Listing list(Path dir, long mtime, Object fileKey) throws IOException {
        long listedAt = System.currentTimeMillis();
        Map<String, List<String>> byLowerCase = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String existing = entry.getFileName().toString();
                byLowerCase.computeIfAbsent(existing.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(existing);
            }
        }
        return new Listing(mtime, fileKey, listedAt, byLowerCase);
    }
}
