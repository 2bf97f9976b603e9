package dev.vcrproxy.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The cassette files under a fixtures folder, for the offline commands. */
public final class CassetteFiles {
    /**
     * A {@code .json} file and the cassette name it maps to; {@code problem} says why the proxy
     * would refuse it (then {@code name} is null). {@code file} is its real path.
     */
    public record Entry(Path file, String relative, CassetteName name, String problem) {
    }

    private CassetteFiles() {
    }

    /**
     * Every {@code *.json} under {@code root} but the project file, sorted by path (temp files end
     * in {@code .tmp}, so are never listed). Folder links are not followed; a file link out of the folder, an invalid
     * name and names that differ only in case get a problem instead of a name.
     */
    public static List<Entry> list(Path root) throws IOException {
        Path base;
        try {
            base = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(root.toString(), null, "fixtures folder does not exist");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !relative(base, f).equalsIgnoreCase(CassetteName.PROJECT_FILE + ".json")).sorted().toList();
        }
        Map<String, TreeSet<String>> spellings = new HashMap<>();
        for (Path file : files) {
            for (String prefix : prefixes(relative(base, file))) {
                spellings.computeIfAbsent(prefix.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(prefix);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Path file : files) {
            String relative = relative(base, file);
            String name = relative.substring(0, relative.length() - ".json".length());
            Path real = file.toRealPath();
            String problem = CassetteName.problemWith(name);
            if (problem != null) {
                problem = "the path is not a valid cassette name (" + problem + "), so the proxy can never use this file";
            } else if (!real.startsWith(base)) {
                problem = "a symbolic link to " + real + ", outside the fixtures folder: the proxy refuses it";
            } else {
                problem = caseTwin(relative, spellings);
            }
            out.add(new Entry(real, relative, problem == null ? CassetteName.of(name) : null, problem));
        }
        return out;
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    /** {@code a}, {@code a/b}, {@code a/b/c.json} for {@code a/b/c.json}. */
    private static List<String> prefixes(String relative) {
        List<String> out = new ArrayList<>();
        for (int slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) {
            out.add(relative.substring(0, slash));
        }
        out.add(relative);
        return out;
    }

    private static String caseTwin(String relative, Map<String, TreeSet<String>> spellings) {
        for (String prefix : prefixes(relative)) {
            TreeSet<String> same = spellings.get(prefix.toLowerCase(Locale.ROOT));
            if (same.size() > 1) {
                return "'" + String.join("' and '", same) + "' differ only in case: case-insensitive file systems"
                        + " (macOS, Windows) take them for one, and the proxy refuses both; rename one";
            }
        }
        return null;
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
