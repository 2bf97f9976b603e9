package dev.vcrproxy.mode;

/** How the proxy answered one request; each is a counter in stats and the {@code X-Vcr-Result} header. */
public enum Outcome {
    HIT("hit", "hits"),
    MISS("miss", "misses"),
    RECORDED("recorded", "recorded"),
    PASSTHROUGH("passthrough", "passthrough"),
    UPSTREAM_ERROR("error", "upstream_errors"),
    SECRET_BLOCKED("recorded", "secrets_blocked"),
    /** The answer reached the client but could not be written (a stream was already tagged "recorded"). */
    RECORD_ERROR("passthrough", "record_errors"),
    /** Would have gone upstream, but a spend budget of the run was reached: 429, not forwarded. */
    BUDGET_REFUSED("error", "budget_refusals"),
    /** In verify, a hit whose live answer has the recording's shape (counted besides the hit). */
    VERIFIED("hit", "verified"),
    /** In verify, a hit whose live answer differs from the recording in shape (counted besides the hit). */
    DRIFTED("hit", "drifted");

    private final String header;
    private final String statName;

    Outcome(String header, String statName) {
        this.header = header;
        this.statName = statName;
    }

    /** The value of {@code X-Vcr-Result}. */
    public String header() {
        return header;
    }

    /** The name of its count in {@code /__vcr/stats}. */
    public String statName() {
        return statName;
    }
}
