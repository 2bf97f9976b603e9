/**
 * Interop tests: the official provider SDKs (and a Modal-style client) record through the built
 * jar against stand-in upstreams that speak each provider's wire format, then replay from a fresh
 * proxy with the upstreams gone and must return the same objects.
 */
package dev.vcrproxy.interop;
