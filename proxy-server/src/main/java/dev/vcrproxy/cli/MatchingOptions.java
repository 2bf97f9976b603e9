package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.Preset;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * What takes part in the key and what is redacted: shared by serve and the offline checks, so both agree.
 * Each option is repeatable and also takes a comma-separated list, as its {@code VCR_} variable does.
 */
final class MatchingOptions {
    @Option(names = "--preset", split = ",", paramLabel = "API",
            description = "Repeatable: rules bundled for modal, openai, anthropic or gemini (see the README).")
    List<String> presets = new ArrayList<>();

    @Option(names = "--ignore-json", split = ",", paramLabel = "POINTER",
            description = "Repeatable: RFC 6901 pointer removed from JSON bodies before keying, e.g. /seed.")
    List<String> ignoreJson = new ArrayList<>();

    @Option(names = "--match-header", split = ",", paramLabel = "NAME", description = "Repeatable: header that takes part in the key.")
    List<String> matchHeaders = new ArrayList<>();

    @Option(names = "--ignore-query", split = ",", paramLabel = "NAME", description = "Repeatable: query parameter left out of the key.")
    List<String> ignoreQuery = new ArrayList<>();

    @Option(names = "--redact-header", split = ",", paramLabel = "NAME",
            description = "Repeatable: header stored as \"<redacted>\" (requests and responses).")
    List<String> redactHeaders = new ArrayList<>();

    @Option(names = "--redact-json", split = ",", paramLabel = "POINTER",
            description = "Repeatable: JSON body field stored as \"<redacted>\" (requests and responses).")
    List<String> redactJson = new ArrayList<>();

    MatchRules rules() {
        MatchRules rules = MatchRules.of(ignoreJson, matchHeaders, ignoreQuery, redactHeaders, redactJson);
        for (String preset : presets) {
            rules = rules.plus(Preset.parse(preset).rules());
        }
        return rules;
    }
}
