package dev.vcrproxy.store;

import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.SecretScanner;

import java.util.Optional;

/**
 * What became of a recording: written (possibly as an unchanged re-recording), or blocked because
 * it held something shaped like a secret.
 */
public record RecordOutcome(Interaction interaction, Optional<SecretScanner.Finding> blockedSecret) {
    public static RecordOutcome written(Interaction interaction) {
        return new RecordOutcome(interaction, Optional.empty());
    }

    public static RecordOutcome blocked(Interaction interaction, SecretScanner.Finding finding) {
        return new RecordOutcome(interaction, Optional.of(finding));
    }

    public boolean isWritten() {
        return blockedSecret.isEmpty();
    }
}
