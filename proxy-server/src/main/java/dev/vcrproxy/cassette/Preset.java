package dev.vcrproxy.cassette;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Matching and redaction rules bundled for one API ({@code --preset}, repeatable). Each one
 * ignores only fields that never change the model's answer, and counts the headers that do.
 */
public enum Preset {
    /** Every field of Modal's {prompt, schema, max_tokens, temperature, top_p} shapes the answer: nothing ignored. */
    MODAL("modal", MatchRules.of(List.of(), List.of(), List.of(), List.of("modal-key", "modal-secret"), List.of())),
    /** OpenAI: the end-user id and stored-completion metadata don't change the answer; org and project ids are redacted. */
    OPENAI("openai", MatchRules.of(List.of("/user", "/metadata", "/store"), List.of(), List.of(),
            List.of("openai-organization", "openai-project"), List.of())),
    /** Anthropic: metadata.user_id is ignored; the API version and beta headers change the answer, so they count. */
    ANTHROPIC("anthropic", MatchRules.of(List.of("/metadata"), List.of("anthropic-version", "anthropic-beta"), List.of(),
            List.of(), List.of())),
    /** Gemini: the ?key= credential is left out of the key, so requests match with or without it; labels are ignored. */
    GEMINI("gemini", MatchRules.of(List.of("/labels"), List.of(), List.of("key"), List.of("x-goog-user-project"), List.of()));

    private final String label;
    private final MatchRules rules;

    Preset(String label, MatchRules rules) {
        this.label = label;
        this.rules = rules;
    }

    public MatchRules rules() {
        return rules;
    }

    public String label() {
        return label;
    }

    public static Preset parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Preset::label).collect(Collectors.joining(", "))));
    }
}
