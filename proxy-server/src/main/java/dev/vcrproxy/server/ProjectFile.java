package dev.vcrproxy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.JsonPointer;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.Preset;
import dev.vcrproxy.upstream.Route;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The project file, {@code fixtures/vcr-proxy.json}: the routes, presets and matching and
 * redaction rules that must be the same for recording, replay and the offline commands, kept
 * beside the cassettes they govern. {@code serve} and the {@code cassettes} commands read it
 * here alone, so they cannot disagree about it; flags and {@code VCR_*} variables add to it.
 */
public record ProjectFile(Path file, List<Route> routes, MatchRules rules, List<Preset> presets) {
    public static final String NAME = CassetteName.PROJECT_FILE + ".json";
    /** No project file: nothing changes. */
    public static final ProjectFile NONE = new ProjectFile(null, List.of(), MatchRules.DEFAULT, List.of());

    private static final List<String> KEYS = List.of("routes", "presets", "ignore_json", "ignore_query", "match_headers",
            "redact_headers", "redact_json");

    public ProjectFile {
        routes = List.copyOf(routes);
    }

    /** {@code explicit} ({@code --config}; it must exist), else {@code fixtures/vcr-proxy.json} when present, else {@link #NONE}. */
    public static ProjectFile locate(Path explicit, Path fixtures) {
        if (explicit != null) {
            if (!Files.isRegularFile(explicit)) {
                throw new BadProjectFileException(explicit + ": no such project file (--config / VCR_CONFIG)");
            }
            return read(explicit);
        }
        Path beside = fixtures.resolve(NAME);
        return Files.isRegularFile(beside) ? read(beside) : NONE;
    }

    public static ProjectFile read(Path file) {
        JsonNode root;
        try {
            root = Json.read(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadProjectFileException(file + (line > 0 ? ":" + line : "") + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadProjectFileException(file + ": cannot read it: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new BadProjectFileException(file + ": must be a JSON object with the keys " + String.join(", ", KEYS));
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!KEYS.contains(field.getKey())) {
                throw new BadProjectFileException(file + ": unknown key \"" + field.getKey() + "\"; expected one of "
                        + String.join(", ", KEYS));
            }
        }
        Reader reader = new Reader(file, root);
        MatchRules rules = MatchRules.of(List.of(), reader.strings("match_headers"), reader.strings("ignore_query"),
                reader.strings("redact_headers"), List.of());
        rules = rules.plus(new MatchRules(reader.each("ignore_json", JsonPointer::parse), Set.of(), Set.of(), Set.of(),
                reader.each("redact_json", JsonPointer::parse)));
        List<Preset> presets = reader.each("presets", Preset::parse);
        for (Preset preset : presets) {
            rules = rules.plus(preset.rules());
        }
        return new ProjectFile(file, reader.routes(), rules, presets);
    }

    /** The values of one file, each error naming the file and the key. */
    private record Reader(Path file, JsonNode root) {
        List<String> strings(String key) {
            return each(key, Function.identity());
        }

        <T> List<T> each(String key, Function<String, T> parse) {
            JsonNode array = root.path(key);
            if (array.isMissingNode() || array.isNull()) {
                return List.of();
            }
            if (!array.isArray()) {
                throw problem(key, "must be an array of strings");
            }
            List<T> out = new ArrayList<>();
            for (JsonNode item : array) {
                if (!item.isTextual()) {
                    throw problem(key, "must be an array of strings, not " + Json.compact(item));
                }
                try {
                    out.add(parse.apply(item.asText()));
                } catch (IllegalArgumentException e) {
                    throw problem(key, e.getMessage());
                }
            }
            return out;
        }

        List<Route> routes() {
            JsonNode routes = root.path("routes");
            if (routes.isMissingNode() || routes.isNull()) {
                return List.of();
            }
            if (!routes.isObject()) {
                throw problem("routes", "must be an object of prefix to URL, e.g. {\"/generate\": \"https://org--generate.modal.run\"}");
            }
            List<Route> out = new ArrayList<>();
            for (Map.Entry<String, JsonNode> route : routes.properties()) {
                String key = "routes\": \"" + route.getKey();
                if (!route.getValue().isTextual()) {
                    throw problem(key, "the upstream must be a URL string");
                }
                try {
                    out.add(new Route(route.getKey(), URI.create(route.getValue().asText().trim())));
                } catch (IllegalArgumentException e) {
                    throw problem(key, e.getMessage());
                }
            }
            return out;
        }

        private BadProjectFileException problem(String key, String message) {
            return new BadProjectFileException(file + ": \"" + key + "\": " + message);
        }
    }
}
