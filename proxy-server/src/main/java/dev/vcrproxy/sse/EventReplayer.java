package dev.vcrproxy.sse;

import dev.vcrproxy.cassette.StreamEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends recorded events to a client whose response head is already written: one write per event,
 * each scheduled from the completion of the previous write, so a slow client is never flooded.
 */
public final class EventReplayer {
    private final ChannelHandlerContext ctx;
    private final List<StreamEvent> events;
    private final ReplayTiming timing;
    private final ChannelFutureListener whenDone;

    /** {@code whenDone} gets the future of the last write (the end of the response). */
    public EventReplayer(ChannelHandlerContext ctx, List<StreamEvent> events, ReplayTiming timing,
                         ChannelFutureListener whenDone) {
        this.ctx = ctx;
        this.events = events;
        this.timing = timing;
        this.whenDone = whenDone;
    }

    public void start() {
        sendAfterGap(0);
    }

    /** Waits the (scaled) recorded gap before event {@code index}: from the response start for the first. */
    private void sendAfterGap(int index) {
        long previous = index == 0 ? 0 : events.get(index - 1).tMs();
        long delay = index < events.size() ? timing.delayMs(events.get(index).tMs() - previous) : 0;
        if (delay > 0) {
            ctx.executor().schedule(() -> send(index), delay, TimeUnit.MILLISECONDS);
        } else {
            send(index);
        }
    }

    private void send(int index) {
        if (index == events.size()) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(whenDone);
            return;
        }
        StreamEvent event = events.get(index);
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event.wireBytes())))
                .addListener((ChannelFuture written) -> {
                    if (!written.isSuccess()) {
                        whenDone.operationComplete(written);
                        return;
                    }
                    sendAfterGap(index + 1);
                });
    }
}
