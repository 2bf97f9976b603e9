package dev.vcrproxy.cassette;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What takes part in the request key and what is kept out of cassettes, beyond the defaults:
 * JSON pointers removed from bodies before keying, headers that count, query parameters that do
 * not, and headers and JSON fields whose values are stored as {@code "<redacted>"}.
 */
public record MatchRules(List<JsonPointer> ignoreJson, Set<String> matchHeaders, Set<String> ignoreQuery,
                         Set<String> redactHeaders, List<JsonPointer> redactJson) {
    public static final MatchRules DEFAULT = new MatchRules(List.of(), Set.of(), Set.of(), Set.of(), List.of());

    public MatchRules {
        ignoreJson = List.copyOf(ignoreJson);
        matchHeaders = lowerCase(matchHeaders);
        ignoreQuery = Set.copyOf(ignoreQuery);
        redactHeaders = lowerCase(redactHeaders);
        redactJson = List.copyOf(redactJson);
    }

    public static MatchRules of(List<String> ignoreJson, List<String> matchHeaders, List<String> ignoreQuery) {
        return of(ignoreJson, matchHeaders, ignoreQuery, List.of(), List.of());
    }

    public static MatchRules of(List<String> ignoreJson, List<String> matchHeaders, List<String> ignoreQuery,
                                List<String> redactHeaders, List<String> redactJson) {
        return new MatchRules(pointers(ignoreJson), Set.copyOf(matchHeaders), Set.copyOf(ignoreQuery),
                Set.copyOf(redactHeaders), pointers(redactJson));
    }

    /** These rules and {@code other}'s together. */
    public MatchRules plus(MatchRules other) {
        return new MatchRules(concat(ignoreJson, other.ignoreJson), union(matchHeaders, other.matchHeaders),
                union(ignoreQuery, other.ignoreQuery), union(redactHeaders, other.redactHeaders),
                concat(redactJson, other.redactJson));
    }

    private static List<JsonPointer> pointers(List<String> texts) {
        return texts.stream().map(JsonPointer::parse).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        b.stream().filter(x -> !out.contains(x)).forEach(out::add);
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> lowerCase(Set<String> names) {
        TreeSet<String> out = new TreeSet<>();
        names.forEach(h -> out.add(h.toLowerCase(Locale.ROOT)));
        return Collections.unmodifiableSortedSet(out);
    }
}
