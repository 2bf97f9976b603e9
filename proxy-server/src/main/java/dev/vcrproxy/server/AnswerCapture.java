package dev.vcrproxy.server;

import dev.vcrproxy.cassette.StreamEvent;
import dev.vcrproxy.sse.SseParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the proxy keeps of an upstream answer while it arrives, for a recording or a live
 * comparison: an event stream as its parsed events (timed from the head), any other body as
 * bytes, up to {@code --max-body-mib}.
 */
final class AnswerCapture {
    private final long maxBytes;
    private final boolean eventsOptional;
    private final long headNanos = System.nanoTime();
    private SseParser events;
    private CaptureBuffer body;
    private long received;

    /**
     * Made when the head arrives. {@code keepBody}: a body that is not an event stream is kept (else
     * only passed on). {@code eventsOptional}: an event stream over the limit is no failure, its
     * events are dropped instead (a stream passed through is parsed only for its token usage).
     */
    AnswerCapture(HttpResponse head, long maxBytes, boolean keepBody, boolean eventsOptional) {
        this.maxBytes = maxBytes;
        this.eventsOptional = eventsOptional;
        if (UpstreamAnswers.isEventStream(head)) {
            events = new SseParser();
        } else if (keepBody) {
            body = new CaptureBuffer(maxBytes, HttpUtil.getContentLength(head, -1L));
        }
    }

    /** Keeps {@code data}; false when the answer went over the limit. */
    boolean keep(ByteBuf data) {
        received += data.readableBytes();
        if (events != null) {
            if (received > maxBytes) {
                if (!eventsOptional) {
                    return false;
                }
                events = null;
                return true;
            }
            events.feed(ByteBufUtil.getBytes(data), sinceHeadMs());
            return true;
        }
        return body == null || body.append(data);
    }

    /** The stream's events, or null when the answer is not a (kept) event stream. */
    List<StreamEvent> finishEvents() {
        return events == null ? null : events.finish(sinceHeadMs());
    }

    /** The kept body, or null when none was kept. */
    byte[] body() {
        return body == null ? null : body.toArray();
    }

    private long sinceHeadMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - headNanos);
    }
}
