package dev.vcrproxy.cassette;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The IEEE 754 → ECMAScript number vectors of RFC 8785, Appendix B. */
class EcmaNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"
    })
    void formatsLikeEcmaScript(String ieeeHex, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertThat(EcmaNumbers.format(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void theFastPathAgreesWithExactArithmetic() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 40_000; i++) {
            double value = switch (i % 3) {
                case 0 -> Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(9));
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(30) - 10);
                default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            };
            if (value != Math.rint(value)) {
                assertThat(EcmaNumbers.format(value)).as("%s", value).isEqualTo(EcmaNumbers.formatExact(value));
                assertThat(EcmaNumbers.format(-value)).isEqualTo(EcmaNumbers.formatExact(-value));
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.3, 0.3", "3e-1, 0.3", "0.30, 0.3", "1.0, 1", "1e0, 1", "100, 100", "1e-7, 1e-7", "123e18, 123000000000000000000"})
    void spellingsOfOneNumberAgree(String spelling, String expected) {
        assertThat(EcmaNumbers.format(Double.parseDouble(spelling))).isEqualTo(expected);
    }
}
