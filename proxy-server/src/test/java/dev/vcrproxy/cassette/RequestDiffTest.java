package dev.vcrproxy.cassette;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestDiffTest {

    @Test
    void namesEveryDifferingPointer() {
        RecordedRequest recorded = Fixtures.request("{\"prompt\": \"hi\", \"temperature\": 0.3, \"stop\": [\"a\"], \"old\": 1}");
        RecordedRequest actual = Fixtures.request("{\"prompt\": \"hi\", \"temperature\": 0.0, \"stop\": [\"a\", \"b\"], \"new\": true}");
        List<Difference> differences = RequestDiff.differences(recorded, actual, MatchRules.DEFAULT);
        assertThat(differences).extracting(Difference::pointer)
                .containsExactlyInAnyOrder("/temperature", "/stop/1", "/old", "/new");
        Difference temperature = differences.stream().filter(d -> d.pointer().equals("/temperature")).findFirst().orElseThrow();
        assertThat(temperature.recorded().decimalValue()).isEqualByComparingTo("0.3");
        assertThat(temperature.actual().decimalValue()).isEqualByComparingTo("0.0");
        assertThat(differences.stream().filter(d -> d.pointer().equals("/old")).findFirst().orElseThrow().actual()).isNull();
    }

    @Test
    void equalNumbersSpelledDifferentlyAreNoDifference() {
        assertThat(RequestDiff.differences(Fixtures.request("{\"t\": 0.30}"), Fixtures.request("{\"t\": 3e-1}"), MatchRules.DEFAULT))
                .isEmpty();
    }

    @Test
    void closestIsTheRecordingWithFewestDifferences() {
        Interaction far = Fixtures.interaction("{\"prompt\": \"other\", \"max_tokens\": 5, \"temperature\": 1}", "{}");
        Interaction near = Fixtures.interaction("{\"prompt\": \"hi\", \"max_tokens\": 5, \"temperature\": 1}", "{}");
        RequestDiff.Closest closest = RequestDiff.closest(
                Fixtures.request("{\"prompt\": \"hi\", \"max_tokens\": 5, \"temperature\": 0}"), List.of(far, near), MatchRules.DEFAULT);
        assertThat(closest.interaction()).isEqualTo(near);
        assertThat(closest.differences()).extracting(Difference::pointer).containsExactly("/temperature");
    }

    @Test
    void longStringsAreShortenedWithTheirLength() {
        String longPrompt = "x".repeat(5000);
        List<Difference> differences = RequestDiff.differences(Fixtures.request("{\"prompt\": \"" + longPrompt + "\"}"),
                Fixtures.request("{\"prompt\": \"y\"}"), MatchRules.DEFAULT);
        assertThat(differences.get(0).recorded().textValue()).endsWith("… (5000 chars)").hasSizeLessThan(200);
    }
}
