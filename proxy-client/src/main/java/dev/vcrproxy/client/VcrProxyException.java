package dev.vcrproxy.client;

/** An admin call that failed: the proxy is unreachable, or it answered with an error. */
public final class VcrProxyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;

    public VcrProxyException(String message, int status, String type, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
    }

    /** The HTTP status, or 0 when the proxy could not be reached. */
    public int status() {
        return status;
    }

    /** The proxy's error type (e.g. {@code vcr_unauthorized}), or null. */
    public String type() {
        return type;
    }
}
