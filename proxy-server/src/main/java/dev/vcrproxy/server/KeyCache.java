package dev.vcrproxy.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vcrproxy.cassette.IncomingRequest;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.RecordedRequest;
import dev.vcrproxy.cassette.Redaction;
import dev.vcrproxy.cassette.RequestKey;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Remembers the key of requests seen before, byte for byte: a load test or a retry loop sends
 * the same request again and again, and parsing, canonicalizing and hashing it each time is most
 * of the replay cost. The cache key holds everything the request key depends on (method, path,
 * query, the headers a cassette keeps, the body bytes), so a hit is exactly what recomputing
 * would give. Small bodies only; bounded in bytes.
 */
final class KeyCache {
    static final int MAX_BODY = 64 * 1024;

    /** A request as stored, and its key. */
    record Keyed(RecordedRequest recorded, String key) {
        static Keyed of(IncomingRequest incoming, MatchRules rules) {
            RecordedRequest recorded = Redaction.record(incoming, rules);
            return new Keyed(recorded, RequestKey.of(recorded, rules));
        }
    }

    private record Raw(String method, String route, String path, String rawQuery, SortedMap<String, String> keptHeaders,
                       Bytes body) {
    }

    /** Body bytes with content equality and a hash computed once. */
    private static final class Bytes {
        private final byte[] value;
        private final int hash;

        Bytes(byte[] value) {
            this.value = value;
            this.hash = Arrays.hashCode(value);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && hash == other.hash && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final MatchRules rules;
    /** Maintenance runs on the calling event loop: handing it to a pool would wake a thread every few hits. */
    private final Cache<Raw, Keyed> cache = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumWeight(32L << 20)
            .weigher((Raw raw, Keyed keyed) -> 512 + 2 * raw.body().value.length)
            .build();

    KeyCache(MatchRules rules) {
        this.rules = rules;
    }

    Keyed keyed(IncomingRequest incoming) {
        if (incoming.body().length > MAX_BODY) {
            return Keyed.of(incoming, rules);
        }
        Raw raw = new Raw(incoming.method(), incoming.route(), incoming.path(), incoming.rawQuery(),
                Redaction.keptHeaders(incoming.headers(), rules), new Bytes(incoming.body()));
        return cache.get(raw, compute(incoming));
    }

    private Function<Raw, Keyed> compute(IncomingRequest incoming) {
        return raw -> Keyed.of(incoming, rules);
    }
}
