package dev.vcrproxy.client;

import java.util.Locale;
import java.util.Set;

/**
 * {@code RECORD_FIXTURES=true} (or {@code 1}, {@code yes}, {@code on}, any case) asks a test run to
 * record what is missing: the proxy the run uses is put in {@code record-missing} for the run and
 * back in its own mode after it. A proxy already recording is left as it is.
 */
public final class RecordFixtures implements AutoCloseable {
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");

    private final VcrProxyClient client;
    private final VcrMode previous;

    private RecordFixtures(VcrProxyClient client, VcrMode previous) {
        this.client = client;
        this.previous = previous;
    }

    /** Whether a {@code RECORD_FIXTURES} value asks for recording; null or anything else means no. */
    public static boolean requested(String value) {
        return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    static boolean recording(VcrMode mode) {
        return mode == VcrMode.RECORD_MISSING || mode == VcrMode.RECORD;
    }

    /** The mode to start a proxy in: {@code record-missing} when recording is requested and {@code configured} is not recording. */
    static String startMode(String configured, String recordFixtures) {
        boolean alreadyRecording = configured.equals(VcrMode.RECORD_MISSING.wireName()) || configured.equals(VcrMode.RECORD.wireName());
        return requested(recordFixtures) && !alreadyRecording ? VcrMode.RECORD_MISSING.wireName() : configured;
    }

    /** Puts a running proxy in {@code record-missing}, when it is not recording; {@link #close()} puts its mode back. */
    public static RecordFixtures switchTo(VcrProxyClient client) {
        VcrMode mode = client.mode();
        if (recording(mode)) {
            return new RecordFixtures(client, null);
        }
        client.setMode(VcrMode.RECORD_MISSING);
        return new RecordFixtures(client, mode);
    }

    @Override
    public void close() {
        if (previous != null) {
            client.setMode(previous);
        }
    }
}
