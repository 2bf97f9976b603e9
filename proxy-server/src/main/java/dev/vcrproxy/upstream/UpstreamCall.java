package dev.vcrproxy.upstream;

import io.netty.channel.Channel;

/** One forwarded request in flight: ask for more of its response, or abandon it. */
public final class UpstreamCall {
    private volatile Channel channel;
    private volatile boolean aborted;

    void attach(Channel channel) {
        this.channel = channel;
        if (aborted) {
            channel.close();
        }
    }

    /**
     * The response has been read to its end: {@code channel} is no longer this call's (it may serve
     * the next request), so later reads and aborts leave it alone. False when the call was aborted.
     */
    boolean detach(Channel channel) {
        if (this.channel == channel) {
            this.channel = null;
        }
        return !aborted;
    }

    /** Requests the next piece of the response. */
    public void read() {
        Channel c = channel;
        if (c != null && !aborted) {
            c.read();
        }
    }

    /** Closes the upstream connection; the listener hears nothing more. */
    public void abort() {
        aborted = true;
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    public boolean isAborted() {
        return aborted;
    }
}
