package dev.vcrproxy.cassette;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Doubles in the ECMAScript {@code Number.prototype.toString} form that RFC 8785 requires:
 * the shortest digit string that reads back as the same double, laid out by the ECMAScript rules
 * ({@code 1e+21}, {@code 0.000001}, {@code 1e-7}).
 */
public final class EcmaNumbers {
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0; // 2^53

    private EcmaNumbers() {
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return "0";
        }
        if (value == Math.rint(value) && Math.abs(value) <= EXACT_INTEGER_LIMIT) {
            return Long.toString((long) value);
        }
        String fast = fewDecimals(Math.abs(value));
        return fast != null ? (value < 0 ? "-" : "") + fast : formatExact(value);
    }

    /** The general path: the shortest round-tripping digits found with exact decimal arithmetic. */
    static String formatExact(double value) {
        String sign = value < 0 ? "-" : "";
        BigDecimal shortest = shortestDecimal(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int trailingZeros = 0;
        while (digits.length() - trailingZeros > 1 && digits.charAt(digits.length() - 1 - trailingZeros) == '0') {
            trailingZeros++;
        }
        digits = digits.substring(0, digits.length() - trailingZeros);
        // value = 0.DIGITS x 10^n
        int n = digits.length() - shortest.scale() + trailingZeros;
        return sign + layout(digits, n);
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /**
     * The common case without big-number arithmetic: a value that is exactly some integer m over
     * 10^d for a small d (0.2, 0.75, 1024.5). The smallest such d gives the shortest digits, and
     * m / 10^d reading back as the same double proves the round trip. Null when there is no such d.
     */
    private static String fewDecimals(double value) {
        if (value < 1e-6 || value >= 1e15) {
            return null;
        }
        for (int d = 1; d < POW10.length; d++) {
            double scaled = value * POW10[d];
            if (scaled >= EXACT_INTEGER_LIMIT) {
                return null;
            }
            long m = Math.round(scaled);
            if (m / POW10[d] == value) {
                String digits = Long.toString(m);
                int trailingZeros = 0;
                while (digits.charAt(digits.length() - 1 - trailingZeros) == '0') {
                    trailingZeros++;
                }
                // value = 0.DIGITS x 10^n, with the fraction's d digits taken off
                int n = digits.length() - d;
                return layout(digits.substring(0, digits.length() - trailingZeros), n);
            }
        }
        return null;
    }

    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static String layout(String digits, int n) {
        int k = digits.length();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
}
