package dev.vcrproxy.cassette;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What takes part in the request key beyond method, route, path, query and body:
 * JSON pointers removed from bodies, headers that count, query parameters that do not.
 */
public record MatchRules(List<JsonPointer> ignoreJson, Set<String> matchHeaders, Set<String> ignoreQuery) {
    public static final MatchRules DEFAULT = new MatchRules(List.of(), Set.of(), Set.of());

    public MatchRules {
        ignoreJson = List.copyOf(ignoreJson);
        TreeSet<String> headers = new TreeSet<>();
        matchHeaders.forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
        matchHeaders = java.util.Collections.unmodifiableSortedSet(headers);
        ignoreQuery = Set.copyOf(ignoreQuery);
    }

    public static MatchRules of(List<String> ignoreJson, List<String> matchHeaders, List<String> ignoreQuery) {
        return new MatchRules(ignoreJson.stream().map(JsonPointer::parse).toList(),
                Set.copyOf(matchHeaders), Set.copyOf(ignoreQuery));
    }
}
