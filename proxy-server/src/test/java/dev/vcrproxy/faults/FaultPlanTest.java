package dev.vcrproxy.faults;

import dev.vcrproxy.cassette.CassetteName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTest {
    static final CassetteName A = CassetteName.of("a");
    static final CassetteName B = CassetteName.of("b");

    static String fired(FaultPlan plan, CassetteName cassette, String key, List<FaultRule> header) {
        Faults faults = plan.decide(cassette, key, () -> "POST /x", header);
        return faults == null ? "-" : faults.header();
    }

    @Test
    void noRulesAnywhereIsNoFault() {
        assertThat(new FaultPlan(List.of(), 1).decide(A, "k", () -> "POST /x", List.of())).isNull();
    }

    @Test
    void timesCountsPerCassetteAndKey() {
        FaultPlan plan = new FaultPlan(FaultRule.parseList("status:429@times=2"), 1);
        assertThat(fired(plan, A, "k1", List.of())).isEqualTo("status:429@times=2");
        assertThat(fired(plan, A, "k2", List.of())).isEqualTo("status:429@times=2");
        assertThat(fired(plan, B, "k1", List.of())).isEqualTo("status:429@times=2");
        assertThat(fired(plan, A, "k1", List.of())).isEqualTo("status:429@times=2");
        assertThat(fired(plan, A, "k1", List.of())).isEqualTo("-");
        assertThat(plan.records().total()).isEqualTo(4);
        assertThat(plan.records().perCassette()).containsEntry("a", 3L).containsEntry("b", 1L);
        assertThat(plan.records().faulted().get(0).request()).isEqualTo("POST /x");
    }

    @Test
    void nthAndFirstAndSeveralRulesTogether() {
        FaultPlan plan = new FaultPlan(List.of(), 1);
        List<FaultRule> header = FaultRule.parseList("rechunk:7, cut:2@n=3");
        assertThat(fired(plan, A, "k", header)).isEqualTo("rechunk:7");
        assertThat(fired(plan, A, "k", header)).isEqualTo("-");
        assertThat(fired(plan, A, "k", header)).isEqualTo("cut:2@n=3");
        assertThat(fired(plan, A, "k", header)).isEqualTo("-");
    }

    @Test
    void eachSourceCountsOnItsOwnAndAdminRulesRestartWhenReplaced() {
        FaultPlan plan = new FaultPlan(FaultRule.parseList("drop-done"), 1);
        plan.set(FaultRule.parseList("status:503"), null);
        assertThat(fired(plan, A, "k", FaultRule.parseList("rechunk:1"))).isEqualTo("rechunk:1, status:503, drop-done");
        assertThat(fired(plan, A, "k", FaultRule.parseList("rechunk:1"))).isEqualTo("-");
        plan.set(FaultRule.parseList("status:503"), null);
        assertThat(fired(plan, A, "k", List.of())).isEqualTo("status:503");
        plan.clear();
        assertThat(fired(plan, A, "k", List.of())).isEqualTo("-");
        plan.reset(A);
        assertThat(fired(plan, A, "k", FaultRule.parseList("rechunk:1"))).isEqualTo("rechunk:1, drop-done");
    }

    @Test
    void rateRepeatsForTheSameSeedAndDiffersForAnother() {
        List<String> first = rateRun(1);
        assertThat(rateRun(1)).isEqualTo(first);
        assertThat(rateRun(2)).isNotEqualTo(first);
        long faulted = first.stream().filter(s -> !s.equals("-")).count();
        assertThat(faulted).isBetween(60L, 140L); // 200 draws at p = 0.5
    }

    @Test
    void rateDrawsDoNotDependOnOtherKeysInBetween() {
        FaultPlan alone = new FaultPlan(FaultRule.parseList("status:500@rate=0.5"), 7);
        FaultPlan mixed = new FaultPlan(FaultRule.parseList("status:500@rate=0.5"), 7);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            a.add(fired(alone, A, "k", List.of()));
            fired(mixed, A, "other" + i, List.of());
            b.add(fired(mixed, A, "k", List.of()));
        }
        assertThat(b).isEqualTo(a);
    }

    private static List<String> rateRun(long seed) {
        FaultPlan plan = new FaultPlan(List.of(), seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(fired(plan, A, "k" + (i % 3), FaultRule.parseList("status:500@rate=0.5")));
        }
        return out;
    }
}
