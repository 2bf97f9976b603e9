/**
 * Server-sent events: the incremental parser that turns a recorded stream into events as its
 * chunks arrive, and the replayer that sends them back one write per event with recorded,
 * scaled or no gaps.
 */
package dev.vcrproxy.sse;
