package dev.vcrproxy.faults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultRuleTest {
    @Test
    void everyKindWithItsArgument() {
        assertThat(FaultRule.parse("status:429")).extracting(FaultRule::kind, FaultRule::arg)
                .containsExactly(FaultRule.Kind.STATUS, 429L);
        assertThat(FaultRule.parse("delay:250ms").arg()).isEqualTo(250);
        assertThat(FaultRule.parse("delay:2s").arg()).isEqualTo(2000);
        assertThat(FaultRule.parse("delay:1m").arg()).isEqualTo(60_000);
        assertThat(FaultRule.parse("delay:3").arg()).isEqualTo(3000);
        assertThat(FaultRule.parse("cut:0").arg()).isZero();
        assertThat(FaultRule.parse("cut:5").arg()).isEqualTo(5);
        assertThat(FaultRule.parse("rechunk:1").kind()).isEqualTo(FaultRule.Kind.RECHUNK);
        assertThat(FaultRule.parse(" drop-done ").kind()).isEqualTo(FaultRule.Kind.DROP_DONE);
    }

    @Test
    void whenDefaultsToFirstAndKeepsTheTextAsWritten() {
        FaultRule rule = FaultRule.parse(" status:503 ");
        assertThat(rule.when()).isEqualTo(When.FIRST);
        assertThat(rule.text()).isEqualTo("status:503");
        assertThat(FaultRule.parse("status:429@times=2").when()).isEqualTo(new When(When.Type.TIMES, 2, 0));
        assertThat(FaultRule.parse("cut:3@n=4").when()).isEqualTo(new When(When.Type.NTH, 4, 0));
        assertThat(FaultRule.parse("rechunk:7@rate=0.25").when()).isEqualTo(new When(When.Type.RATE, 0, 0.25));
        assertThat(FaultRule.parse("drop-done@first").when()).isEqualTo(When.FIRST);
    }

    @Test
    void aListIsCommaSeparated() {
        assertThat(FaultRule.parseList("status:429@times=2, rechunk:7")).extracting(FaultRule::text)
                .containsExactly("status:429@times=2", "rechunk:7");
    }

    @Test
    void badRulesNameTheRuleAndShowTheGrammar() {
        for (String bad : new String[] {"", "teapot", "status", "status:200", "status:abc", "delay:soon", "cut:-1",
                "rechunk:0", "drop-done:3", "status:429@times=0", "status:429@rate=1.5", "status:429@rate=x",
                "status:429@often", "status:429@n=", ","}) {
            assertThatThrownBy(() -> FaultRule.parseList(bad)).as(bad)
                    .isInstanceOf(InvalidFaultException.class)
                    .hasMessageContaining("'" + bad.trim())
                    .hasMessageContaining("KIND[:ARG][@WHEN]");
        }
    }

    @Test
    void whenCountsUsesFromOne() {
        When times = new When(When.Type.TIMES, 2, 0);
        assertThat(times.fires(1, 0)).isTrue();
        assertThat(times.fires(2, 0)).isTrue();
        assertThat(times.fires(3, 0)).isFalse();
        assertThat(new When(When.Type.NTH, 3, 0).fires(3, 0)).isTrue();
        assertThat(new When(When.Type.NTH, 3, 0).fires(2, 0)).isFalse();
        assertThat(When.FIRST.fires(2, 0)).isFalse();
        assertThat(new When(When.Type.RATE, 0, 0.5).fires(9, 0.49)).isTrue();
        assertThat(new When(When.Type.RATE, 0, 0.5).fires(9, 0.5)).isFalse();
    }
}
