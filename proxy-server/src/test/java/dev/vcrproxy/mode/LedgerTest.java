package dev.vcrproxy.mode;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Fixtures;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTest {
    private static final CassetteName ONE = CassetteName.of("one");
    private static final CassetteName TWO = CassetteName.of("two");

    @Test
    void countsSpendingAndSavingsPerCassetteAndInTotal() {
        Ledger ledger = new Ledger(Budgets.NONE);
        assertThat(ledger.tryUpstreamCall(ONE)).isEmpty();
        assertThat(ledger.tryUpstreamCall(TWO)).isEmpty();
        ledger.spent(ONE, new TokenUsage(10, 5));
        ledger.spent(TWO, null);                         // an answer without usage
        Interaction recording = Fixtures.interaction("{\"prompt\": \"a\"}", "{\"tokens_used\": 7}").withUsage(new TokenUsage(3, 7));
        ledger.saved(ONE, recording);
        ledger.saved(ONE, recording);
        ledger.saved(TWO, Fixtures.interaction("{\"prompt\": \"b\"}", "{}"));  // recorded before usage was stored

        assertThat(ledger.total()).isEqualTo(new Ledger.Figures(2, 15, 3, 20, 3 * 1234));
        assertThat(ledger.perCassette().get("one")).isEqualTo(new Ledger.Figures(1, 15, 2, 20, 2 * 1234));
        assertThat(ledger.perCassette().get("two")).isEqualTo(new Ledger.Figures(1, 0, 1, 0, 1234));
        assertThat(ledger.total().named()).containsExactly(java.util.Map.entry("upstream_calls", 2L),
                java.util.Map.entry("tokens_spent", 15L), java.util.Map.entry("calls_saved", 3L),
                java.util.Map.entry("tokens_saved", 20L), java.util.Map.entry("time_saved_ms", 3702L));
    }

    @Test
    void aCallBudgetLetsExactlyThatManyThrough() {
        Ledger ledger = new Ledger(new Budgets(2L, null));
        assertThat(ledger.tryUpstreamCall(ONE)).isEmpty();
        assertThat(ledger.tryUpstreamCall(ONE)).isEmpty();
        Budgets.Refusal refusal = ledger.tryUpstreamCall(TWO).orElseThrow();
        assertThat(refusal).isEqualTo(new Budgets.Refusal(Budgets.Kind.CALLS, 2, 2));
        assertThat(refusal.message("POST /generate")).contains("--max-upstream-calls 2", "POST /generate was not forwarded",
                "VCR_MAX_UPSTREAM_CALLS");
        assertThat(ledger.upstreamCalls()).isEqualTo(2);
        assertThat(ledger.perCassette()).doesNotContainKey("two");
    }

    @Test
    void aZeroCallBudgetLetsNothingThrough() {
        assertThat(new Ledger(new Budgets(0L, null)).tryUpstreamCall(ONE)).isPresent();
    }

    @Test
    void aTokenBudgetCountsCompletedCalls() {
        Ledger ledger = new Ledger(new Budgets(null, 100L));
        assertThat(ledger.tryUpstreamCall(ONE)).isEmpty();
        assertThat(ledger.tryUpstreamCall(ONE)).isEmpty();   // the first has not completed yet
        ledger.spent(ONE, new TokenUsage(60, 39));
        assertThat(ledger.tryUpstreamCall(ONE)).isEmpty();   // 99 < 100
        ledger.spent(ONE, new TokenUsage(0, 1));
        Budgets.Refusal refusal = ledger.tryUpstreamCall(ONE).orElseThrow();
        assertThat(refusal).isEqualTo(new Budgets.Refusal(Budgets.Kind.TOKENS, 100, 100));
        assertThat(refusal.message("POST /v1/messages")).contains("--max-upstream-tokens 100", "100 tokens spent",
                "VCR_MAX_UPSTREAM_TOKENS");
        assertThat(ledger.upstreamCalls()).isEqualTo(3);
    }

    @Test
    void theCallBudgetHoldsUnderParallelRequests() throws Exception {
        Ledger ledger = new Ledger(new Budgets(5L, null));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> taken = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                taken.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < 1000; i++) {
                        if (ledger.tryUpstreamCall(i % 2 == 0 ? ONE : TWO).isEmpty()) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> f : taken) {
                sum += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(sum).isEqualTo(5);
            assertThat(ledger.upstreamCalls()).isEqualTo(5);
            assertThat(ledger.perCassette().values().stream().mapToLong(Ledger.Figures::upstreamCalls).sum()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachBudgetWarnsOnceAndBudgetsAreNotNegative() {
        Ledger ledger = new Ledger(new Budgets(0L, 0L));
        assertThat(ledger.firstRefusal(Budgets.Kind.CALLS)).isTrue();
        assertThat(ledger.firstRefusal(Budgets.Kind.CALLS)).isFalse();
        assertThat(ledger.firstRefusal(Budgets.Kind.TOKENS)).isTrue();
        assertThatThrownBy(() -> new Budgets(-1L, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryLineShowsSpendingAndSavings() {
        Stats stats = new Stats();
        stats.count(ONE, Outcome.HIT);
        stats.ledger().saved(ONE, Fixtures.interaction("{}", "{}").withUsage(new TokenUsage(1, 2)));
        assertThat(stats.summary()).startsWith("hits=1 misses=0 ")
                .endsWith(" budget_refusals=0 verified=0 drifted=0 upstream_calls=0 tokens_spent=0 calls_saved=1 tokens_saved=3 time_saved_ms=1234");
    }
}
