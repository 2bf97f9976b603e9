package dev.vcrproxy.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The cassette files under a fixtures folder, for the offline commands. */
public final class CassetteFiles {
    /** A {@code .json} file and the cassette name it maps to (null when the path is no valid name). */
    public record Entry(Path file, String relative, CassetteName name) {
    }

    private CassetteFiles() {
    }

    /** Every {@code *.json} under {@code root}, sorted by path (temp files end in {@code .tmp}, so are never listed). */
    public static List<Entry> list(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".json")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".json".length());
                out.add(new Entry(file, relative, CassetteName.problemWith(name) == null ? CassetteName.of(name) : null));
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(root.toString(), null, "fixtures folder does not exist");
        }
        return out;
    }

    /**
     * Whether {@code file} holds a cassette (an object with {@code format} and {@code interactions}),
     * not some other JSON kept beside them, such as a report or the project file.
     */
    public static boolean holdsCassette(Path file) throws IOException {
        JsonNode root = Json.parse(Files.readAllBytes(file)).orElse(null);
        return root != null && root.isObject() && root.has("format") && root.path("interactions").isArray();
    }

    /** Temp files a crash left behind (their cassettes are intact: the rename never happened). */
    public static List<Path> leftoverTempFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f) && AtomicFiles.isTempFile(f)).sorted().toList();
        }
    }
}
