package dev.vcrproxy.cassette;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The immutable content of one cassette file, interactions in file order (key, seq), with an
 * index from key to its recordings in sequence order.
 */
public final class Cassette {
    private final CassetteName name;
    private final List<Interaction> interactions;
    private final Map<String, List<Interaction>> byKey;

    public Cassette(CassetteName name, List<Interaction> interactions) {
        this.name = name;
        List<Interaction> sorted = new ArrayList<>(interactions);
        sorted.sort(Interaction.FILE_ORDER);
        this.interactions = Collections.unmodifiableList(sorted);
        Map<String, List<Interaction>> index = new LinkedHashMap<>();
        for (Interaction interaction : sorted) {
            index.computeIfAbsent(interaction.key(), k -> new ArrayList<>()).add(interaction);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byKey = Collections.unmodifiableMap(index);
    }

    public static Cassette empty(CassetteName name) {
        return new Cassette(name, List.of());
    }

    public CassetteName name() {
        return name;
    }

    public List<Interaction> interactions() {
        return interactions;
    }

    public boolean isEmpty() {
        return interactions.isEmpty();
    }

    /** Recordings of {@code key} in seq order; empty when there are none. */
    public List<Interaction> recordings(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    public Map<String, List<Interaction>> byKey() {
        return byKey;
    }

    /** A copy without the recordings that match {@code drop}. */
    public Cassette without(Predicate<Interaction> drop) {
        return new Cassette(name, interactions.stream().filter(drop.negate()).toList());
    }

    /** A copy with {@code interaction} added, or replacing the one with the same key and seq. */
    public Cassette with(Interaction interaction) {
        List<Interaction> next = new ArrayList<>(interactions.size() + 1);
        for (Interaction existing : interactions) {
            if (!(existing.key().equals(interaction.key()) && existing.seq() == interaction.seq())) {
                next.add(existing);
            }
        }
        next.add(interaction);
        return new Cassette(name, next);
    }
}
