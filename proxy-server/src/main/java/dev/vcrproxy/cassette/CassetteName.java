package dev.vcrproxy.cassette;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A validated cassette name: 1–200 characters of {@code /}-separated segments of
 * {@code [A-Za-z0-9._-]}, no segment {@code .} or {@code ..}, and no segment a Windows device name
 * ({@code CON}, {@code nul}, {@code aux.txt}, …), since cassettes are committed and checked out everywhere. It maps to {@code NAME.json}
 * under the fixtures folder and can never resolve outside it.
 * {@code vcr-proxy} is not one either: its file is the project file, which a recording must never
 * overwrite.
 */
public record CassetteName(String value) implements Comparable<CassetteName> {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    /** Windows device names: reserved in any case and with any extension ({@code aux.txt}), in every folder. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
    public static final int MAX_LENGTH = 200;
    /** The project file's name in the fixtures folder, without {@code .json}. */
    public static final String PROJECT_FILE = "vcr-proxy";

    public CassetteName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidCassetteNameException(value, problem);
        }
    }

    public static CassetteName of(String value) {
        return new CassetteName(value);
    }

    /** Why {@code value} is not a cassette name, or null when it is one. */
    public static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (value.equalsIgnoreCase(PROJECT_FILE)) {
            return "it is the project file's name (" + PROJECT_FILE + ".json)";
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty path segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it has a '" + segment + "' segment";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "segment '" + segment + "' has characters outside [A-Za-z0-9._-]";
            }
            if (WINDOWS_DEVICE.matcher(segment).matches()) {
                return "segment '" + segment + "' is a reserved device name on Windows (CON, PRN, AUX, NUL, COM0-9,"
                        + " LPT0-9, in any case and with any extension), so a checkout there could not hold the file";
            }
        }
        return null;
    }

    /** The cassette file under {@code fixturesDir}. */
    public Path fileIn(Path fixturesDir) {
        Path file = fixturesDir.resolve(value + ".json").normalize();
        if (!file.startsWith(fixturesDir.normalize())) {
            throw new InvalidCassetteNameException(value, "it resolves outside the fixtures folder");
        }
        return file;
    }

    @Override
    public int compareTo(CassetteName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
