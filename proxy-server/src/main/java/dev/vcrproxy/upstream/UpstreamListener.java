package dev.vcrproxy.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Receives one upstream response on the client channel's event loop. Nothing more is read from
 * upstream until the listener calls {@link UpstreamCall#read()}, so a slow client slows the upstream
 * instead of filling memory. Contents are handed over with their reference: the listener releases them.
 */
public interface UpstreamListener {
    void onHead(UpstreamCall call, HttpResponse head);

    void onContent(UpstreamCall call, HttpContent content);

    void onEnd(UpstreamCall call, LastHttpContent last);

    /** The call failed before its end: {@code timedOut} when no byte came within the upstream timeout. */
    void onFailure(UpstreamCall call, Throwable cause, boolean timedOut);
}
