package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return CanonicalJson.serialize(Json.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }

    @Test
    void rfc8785Section322Example() {
        String input = "{\n"
                + "  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n"
                + "}";
        assertThat(canonical(input)).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void rfc8785Section323SortsByUtf16CodeUnits() {
        String input = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\","
                + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
                + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
        String out = canonical(input);
        assertThat(out).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void keyOrderWhitespaceAndNumberSpellingDoNotMatter() {
        assertThat(canonical("{\"b\": [1, 2], \"a\": {\"y\": 0.30, \"x\": 1e0}}"))
                .isEqualTo(canonical("{\"a\":{\"x\":1.0,\"y\":3e-1},\"b\":[1,2]}"))
                .isEqualTo("{\"a\":{\"x\":1,\"y\":0.3},\"b\":[1,2]}");
    }

    @Test
    void arrayOrderMatters() {
        assertThat(canonical("[1, 2]")).isNotEqualTo(canonical("[2, 1]"));
    }

    @Test
    void numbersBeyondDoubleRangeStillGetAStableForm() {
        assertThat(canonical("[1e400, 10E399]")).isEqualTo("[1e+400,1e+400]");
    }
}
