package dev.vcrproxy.server;

/** The project file cannot be used: the message names the file and the key, and the command exits 2. */
public final class BadProjectFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadProjectFileException(String message) {
        super(message);
    }
}
