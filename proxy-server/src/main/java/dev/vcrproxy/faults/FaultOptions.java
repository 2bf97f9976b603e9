package dev.vcrproxy.faults;

import dev.vcrproxy.cassette.Preset;

import java.util.List;
import java.util.Set;

/**
 * What a proxy starts with: the {@code --fault} rules, the {@code --fault-seed} for {@code @rate},
 * and the {@code --preset}s in force, which say the shape of injected error bodies.
 */
public record FaultOptions(List<FaultRule> rules, long seed, Set<Preset> presets) {
    public static final long DEFAULT_SEED = 1;
    public static final FaultOptions NONE = new FaultOptions(List.of(), DEFAULT_SEED, Set.of());

    public FaultOptions {
        rules = List.copyOf(rules);
        presets = Set.copyOf(presets);
    }
}
