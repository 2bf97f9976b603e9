package dev.vcrproxy.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault rule, {@code KIND[:ARG][@WHEN]}: what to do to a hit ({@link Kind}, with its argument:
 * a status code, a delay in milliseconds, a count of events, a write size) and when ({@link When}).
 * {@code text} is the rule as written, which is what a faulted response names.
 */
public record FaultRule(Kind kind, long arg, When when, String text) {
    public static final String GRAMMAR = "A rule is KIND[:ARG][@WHEN]: status:CODE (400-599), delay:DURATION (250ms, 2s),"
            + " cut:N (events), rechunk:N (bytes per write) or drop-done; WHEN is @first (default), @n=K, @times=K"
            + " or @rate=P; several rules are separated by commas, e.g. status:429@times=2, rechunk:7";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    public enum Kind {
        STATUS("status"), DELAY("delay"), CUT("cut"), RECHUNK("rechunk"), DROP_DONE("drop-done");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** @throws InvalidFaultException naming the rule and showing the grammar */
    public static FaultRule parse(String rule) {
        String text = rule == null ? "" : rule.trim();
        if (text.isEmpty()) {
            throw new InvalidFaultException(text, "it is empty");
        }
        int at = text.indexOf('@');
        String what = (at < 0 ? text : text.substring(0, at)).trim().toLowerCase(Locale.ROOT);
        When when = at < 0 ? When.FIRST : When.parse(text, text.substring(at + 1).trim().toLowerCase(Locale.ROOT));
        int colon = what.indexOf(':');
        String name = colon < 0 ? what : what.substring(0, colon);
        String arg = colon < 0 ? null : what.substring(colon + 1).trim();
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.label.equals(name.trim())) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new InvalidFaultException(text, "unknown kind '" + name.trim() + "'");
        }
        return new FaultRule(kind, argument(text, kind, arg), when, text);
    }

    /** A comma-separated list, as the {@code X-Vcr-Fault} header and {@code VCR_FAULT} carry it. */
    public static List<FaultRule> parseList(String rules) {
        List<FaultRule> out = new ArrayList<>();
        for (String rule : rules.split(",")) {
            if (!rule.isBlank()) {
                out.add(parse(rule));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidFaultException(rules, "no rule given");
        }
        return out;
    }

    private static long argument(String rule, Kind kind, String arg) {
        if (kind == Kind.DROP_DONE) {
            if (arg != null) {
                throw new InvalidFaultException(rule, "drop-done takes no argument");
            }
            return 0;
        }
        if (arg == null || arg.isEmpty()) {
            throw new InvalidFaultException(rule, kind.label + " needs an argument, e.g. " + example(kind));
        }
        switch (kind) {
            case DELAY -> {
                Matcher m = DURATION.matcher(arg);
                if (!m.matches()) {
                    throw new InvalidFaultException(rule, "delay needs a duration such as 250ms, 2s or 1m");
                }
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> n;
                    case "m" -> Duration.ofMinutes(n).toMillis();
                    default -> Duration.ofSeconds(n).toMillis();
                };
            }
            case STATUS -> {
                long code = number(arg);
                if (code < 400 || code > 599) {
                    throw new InvalidFaultException(rule, "status needs an error code from 400 to 599, e.g. status:429");
                }
                return code;
            }
            default -> {
                long n = number(arg);
                long least = kind == Kind.CUT ? 0 : 1;
                if (n < least) {
                    throw new InvalidFaultException(rule, kind.label + " needs a whole number from " + least + ", e.g. "
                            + example(kind));
                }
                return n;
            }
        }
    }

    private static long number(String arg) {
        if (arg.isEmpty() || arg.length() > 9 || !arg.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(arg);
    }

    private static String example(Kind kind) {
        return switch (kind) {
            case STATUS -> "status:429";
            case DELAY -> "delay:2s";
            case CUT -> "cut:5";
            case RECHUNK -> "rechunk:7";
            case DROP_DONE -> "drop-done";
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
