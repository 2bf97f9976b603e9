package dev.vcrproxy.mode;

/**
 * Limits on what one run may spend upstream: calls ({@code --max-upstream-calls}) and tokens
 * ({@code --max-upstream-tokens}, counted from the usage of completed calls); null is no limit.
 */
public record Budgets(Long maxUpstreamCalls, Long maxUpstreamTokens) {
    public static final Budgets NONE = new Budgets(null, null);

    public Budgets {
        if (maxUpstreamCalls != null && maxUpstreamCalls < 0 || maxUpstreamTokens != null && maxUpstreamTokens < 0) {
            throw new IllegalArgumentException("a budget must be 0 or more");
        }
    }

    public boolean isEmpty() {
        return maxUpstreamCalls == null && maxUpstreamTokens == null;
    }

    /** Why a request was not forwarded: which budget, its limit and what the run had spent. */
    public record Refusal(Kind kind, long limit, long spent) {
        /** One sentence for the 429 and the log: the budget, its value and how to raise it. */
        public String message(String request) {
            return "upstream " + kind.unit + " budget of this run reached: " + kind.flag + " " + limit + ", "
                    + spent + " " + kind.unit + (kind == Kind.CALLS ? "(s) made" : "s spent") + "; " + request
                    + " was not forwarded. Raise it with " + kind.flag + " N (env " + kind.env
                    + ") if this run is meant to reach the real endpoint; recorded requests still replay";
        }
    }

    /** The two budgets, by the names stats, the report and the flags use. */
    public enum Kind {
        CALLS("max_upstream_calls", "--max-upstream-calls", "VCR_MAX_UPSTREAM_CALLS", "call"),
        TOKENS("max_upstream_tokens", "--max-upstream-tokens", "VCR_MAX_UPSTREAM_TOKENS", "token");

        public final String statName;
        public final String flag;
        public final String env;
        final String unit;

        Kind(String statName, String flag, String env, String unit) {
            this.statName = statName;
            this.flag = flag;
            this.env = env;
            this.unit = unit;
        }
    }
}
