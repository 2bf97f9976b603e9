package dev.vcrproxy.cli;

import java.util.Locale;
import java.util.Optional;

/** Yes/no environment values as people write them: {@code true 1 yes on} and {@code false 0 no off} or empty, any case. */
final class EnvSwitch {
    static final String YES = "true, 1, yes, on";
    static final String NO = "false, 0, no, off, empty";

    private EnvSwitch() {
    }

    /** The switch's value; empty when {@code value} is none of the accepted spellings. */
    static Optional<Boolean> parse(String value) {
        return switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Optional.of(true);
            case "false", "0", "no", "off", "" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
