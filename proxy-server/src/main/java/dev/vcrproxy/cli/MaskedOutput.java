package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Masking;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Command output, masked line by line on its way out ({@link Masking}): what {@code cassettes show},
 * {@code status} and the rest print comes from cassettes and a running proxy, and never shows a key.
 */
final class MaskedOutput extends Writer {
    private final PrintWriter target;
    private final StringBuilder line = new StringBuilder(128);

    private MaskedOutput(PrintWriter target) {
        this.target = target;
    }

    /** {@code target} behind masking; flushed at each line, as picocli's own writers are. */
    static PrintWriter around(PrintWriter target) {
        return new PrintWriter(new MaskedOutput(target), true);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            line.append(chars[i]);
            if (chars[i] == '\n') {
                emit();
            }
        }
    }

    private void emit() {
        target.write(Masking.text(line.toString()));
        line.setLength(0);
    }

    @Override
    public void flush() {
        if (line.length() > 0) {
            emit();
        }
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
