/**
 * Where cassettes live: the {@link dev.vcrproxy.store.CassetteStore} contract and the JSON file
 * store behind it (atomic temp+fsync+rename writes, one writer per cassette, Caffeine cache).
 */
package dev.vcrproxy.store;
