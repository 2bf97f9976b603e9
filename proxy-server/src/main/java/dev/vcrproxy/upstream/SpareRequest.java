package dev.vcrproxy.upstream;

import io.netty.handler.codec.http.FullHttpRequest;

import java.util.function.Consumer;

/**
 * A request sent on a reused connection, kept until its response begins: an upstream may close a
 * kept-alive connection just as the request goes out, and then the request goes once more, on a
 * new connection. Nothing of the response has arrived at that point, so the upstream never answered it.
 */
final class SpareRequest {
    private FullHttpRequest request;
    private final Consumer<FullHttpRequest> resend;

    SpareRequest(FullHttpRequest request, Consumer<FullHttpRequest> resend) {
        this.request = request;
        this.resend = resend;
    }

    /** The response has begun (or the call is over): the spare is not needed. */
    void discard() {
        if (request != null) {
            request.release();
            request = null;
        }
    }

    /** Sends the request again on a new connection; false when it was already discarded or sent. */
    boolean resend() {
        FullHttpRequest again = request;
        if (again == null) {
            return false;
        }
        request = null;
        resend.accept(again);
        return true;
    }
}
