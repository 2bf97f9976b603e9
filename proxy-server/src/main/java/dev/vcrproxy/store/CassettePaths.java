package dev.vcrproxy.store;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.InvalidCassetteNameException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where a cassette's file really is. The name alone cannot leave the fixtures folder, but a
 * symbolic link inside it can: each existing step of the path is resolved, and a cassette whose
 * real path lies outside the real fixtures folder is refused, for reading and for writing. A link
 * that stays inside (e.g. {@code latest -> v2}) is fine, and writes go to its target. A name that
 * differs only in case from an existing file or folder is refused too: on a case-insensitive
 * checkout (macOS, Windows) the two would be one file.
 */
public final class CassettePaths {
    private CassettePaths() {
    }

    /**
     * The real path of {@code name}'s file under {@code root} (when the file or some of its folders
     * do not exist yet: the real path of the deepest existing folder plus the rest).
     *
     * @throws InvalidCassetteNameException when the file would be outside the root, or collides by case
     */
    public static Path resolve(Path root, CassetteName name) throws IOException {
        return resolve(root, name, new FolderNames());
    }

    /** The same, with folder listings kept by the caller (the store, across requests). */
    static Path resolve(Path root, CassetteName name, FolderNames folders) throws IOException {
        Path lexical = name.fileIn(root);
        if (!Files.isDirectory(root)) {
            return lexical; // nothing exists yet, so nothing can be a link
        }
        Path realRoot = root.toRealPath();
        Path current = realRoot;
        String[] segments = (name.value() + ".json").split("/");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            refuseCaseTwin(name, folders.spellings(current, segment), segment, i == segments.length - 1);
            Path next = current.resolve(segment);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                return current.resolve(String.join("/", Arrays.copyOfRange(segments, i, segments.length)));
            }
            if (Files.isSymbolicLink(next)) {
                next = followInside(name, realRoot, next);
            }
            current = next;
        }
        return current;
    }

    private static Path followInside(CassetteName name, Path realRoot, Path link) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw InvalidCassetteNameException.unusable(name.value(), "its path goes through the symbolic link '"
                    + realRoot.relativize(link) + "', which points to nothing");
        }
        if (!target.startsWith(realRoot)) {
            throw InvalidCassetteNameException.unusable(name.value(), "its path goes through the symbolic link '"
                    + realRoot.relativize(link) + "' to " + target + ", outside the fixtures folder " + realRoot);
        }
        return target;
    }

    /** Refuses {@code segment} when its folder holds an entry whose name differs from it only in case. */
    private static void refuseCaseTwin(CassetteName name, List<String> spellings, String segment, boolean file) {
        for (String existing : spellings) {
            if (!existing.equals(segment)) {
                throw InvalidCassetteNameException.unusable(name.value(), "it differs only in case from the existing "
                        + (file ? "cassette file '" : "folder '") + existing + "'; case-insensitive file systems"
                        + " (macOS, Windows) would take them for one file: use the existing spelling or rename it");
            }
        }
    }
}
