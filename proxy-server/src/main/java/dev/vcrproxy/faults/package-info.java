/**
 * Fault injection on replay: the rule grammar ({@code KIND[:ARG][@WHEN]}), the deterministic plan
 * that decides which hit gets which fault, provider-shaped error bodies, and the one writer that
 * sends a recording with its faults applied. Forwarded requests never reach this package.
 */
package dev.vcrproxy.faults;
