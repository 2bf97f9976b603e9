/**
 * The running proxy's mutable state: the mode and active cassette (one atomic reference),
 * replay sequence counters, and the counts behind stats and the exit summary.
 */
package dev.vcrproxy.mode;
