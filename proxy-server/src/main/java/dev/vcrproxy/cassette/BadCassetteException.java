package dev.vcrproxy.cassette;

/** A cassette file that cannot be used: it does not parse, or it is not format 1. */
public final class BadCassetteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    public BadCassetteException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }
}
