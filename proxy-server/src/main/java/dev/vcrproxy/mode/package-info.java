/**
 * The running proxy's mutable state: the mode and active cassette (one atomic reference),
 * replay sequence counters, the counts behind stats and the exit summary, and the ledger of
 * calls and tokens spent upstream and saved by replay, with the run's spend budgets.
 */
package dev.vcrproxy.mode;
