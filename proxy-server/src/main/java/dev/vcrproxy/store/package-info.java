/**
 * Where cassettes live: the {@link dev.vcrproxy.store.CassetteStore} contract and the JSON file
 * store behind it (atomic temp+fsync+rename writes, one writer per cassette, Caffeine cache, files
 * changed on disk read again, real paths kept inside the fixtures folder).
 */
package dev.vcrproxy.store;
