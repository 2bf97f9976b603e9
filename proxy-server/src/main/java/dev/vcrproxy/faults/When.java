package dev.vcrproxy.faults;

/**
 * Which uses of a rule fire, counted per cassette and key from 1: {@code @first} (the first),
 * {@code @n=K} (the K-th), {@code @times=K} (the first K) or {@code @rate=P} (each with probability P).
 */
public record When(Type type, int k, double p) {
    public enum Type { FIRST, NTH, TIMES, RATE }

    public static final When FIRST = new When(Type.FIRST, 1, 0);

    /** Whether the {@code use}-th use (from 1) fires, given a uniform draw in [0, 1) for {@code @rate}. */
    boolean fires(long use, double draw) {
        return switch (type) {
            case FIRST -> use == 1;
            case NTH -> use == k;
            case TIMES -> use <= k;
            case RATE -> draw < p;
        };
    }

    static When parse(String rule, String text) {
        if (text.equals("first")) {
            return FIRST;
        }
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        String value = eq < 0 ? "" : text.substring(eq + 1);
        switch (name) {
            case "n", "times" -> {
                int k = positive(rule, "@" + name, value);
                return new When(name.equals("n") ? Type.NTH : Type.TIMES, k, 0);
            }
            case "rate" -> {
                double p;
                try {
                    p = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    p = Double.NaN;
                }
                if (!(p >= 0 && p <= 1) || value.isEmpty() || !Character.isDigit(value.charAt(0)) && value.charAt(0) != '.') {
                    throw new InvalidFaultException(rule, "@rate needs a probability from 0 to 1, e.g. @rate=0.5");
                }
                return new When(Type.RATE, 0, p);
            }
            default -> throw new InvalidFaultException(rule, "unknown @" + name + "; use @first, @n=K, @times=K or @rate=P");
        }
    }

    private static int positive(String rule, String what, String value) {
        try {
            int k = Integer.parseInt(value);
            if (k >= 1) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFaultException(rule, what + " needs a whole number from 1, e.g. " + what + "=2");
    }

    @Override
    public String toString() {
        return switch (type) {
            case FIRST -> "@first";
            case NTH -> "@n=" + k;
            case TIMES -> "@times=" + k;
            case RATE -> "@rate=" + p;
        };
    }
}
