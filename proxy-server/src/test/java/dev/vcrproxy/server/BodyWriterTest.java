package dev.vcrproxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a replayed body reaches the socket: its writes are held here, as a slow client holds them. */
class BodyWriterTest {
    /** Keeps every write and its promise, completing none: the socket of a client that reads nothing. */
    static final class SlowSocket extends ChannelOutboundHandlerAdapter {
        final List<Object> written = new ArrayList<>();
        final List<ChannelPromise> pending = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written.add(msg);
            pending.add(promise);
        }
    }

    private final SlowSocket socket = new SlowSocket();
    private final EmbeddedChannel channel = new EmbeddedChannel(socket, new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().lastContext();

    @AfterEach
    void close() {
        socket.written.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }

    private static FullHttpResponse response(byte[] body) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    }

    @Test
    void aSmallBodyIsOneWrite() {
        FullHttpResponse response = response(new byte[BodyWriter.SLICE]);

        BodyWriter.write(ctx, response);

        assertThat(socket.written).containsExactly(response);
    }

    @Test
    void aLargeBodyGoesOutSliceBySliceOfTheSameBytesEachAfterThePreviousLeft() {
        byte[] body = new byte[3 * BodyWriter.SLICE + 10];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        FullHttpResponse response = response(body);
        ByteBuf content = response.content();

        ChannelFuture done = BodyWriter.write(ctx, response);

        assertThat(socket.written).hasSize(2);
        assertThat(socket.written.get(0)).isInstanceOf(HttpResponse.class).isNotInstanceOf(HttpContent.class);
        assertThat(((HttpResponse) socket.written.get(0)).headers()).isSameAs(response.headers());
        for (int slice = 1; slice <= 3; slice++) {
            assertThat(socket.written).as("one slice at a time").hasSize(slice + 1);
            socket.pending.get(slice).setSuccess();
        }
        assertThat(socket.written).hasSize(5).last().isInstanceOf(LastHttpContent.class);
        List<ByteBuf> slices = socket.written.subList(1, 5).stream().map(m -> ((HttpContent) m).content()).toList();
        assertThat(slices).extracting(ByteBuf::readableBytes)
                .containsExactly(BodyWriter.SLICE, BodyWriter.SLICE, BodyWriter.SLICE, 10);
        assertThat(slices).allSatisfy(s -> assertThat(s.unwrap().array()).as("shared, not copied").isSameAs(body));
        assertThat(done.isDone()).isFalse();

        socket.pending.get(4).setSuccess();

        assertThat(done.isSuccess()).isTrue();
        socket.written.forEach(ReferenceCountUtil::release);
        socket.written.clear();
        assertThat(content.refCnt()).isZero();
    }

    @Test
    void aFailedWriteStopsTheBodyAndReleasesIt() {
        FullHttpResponse response = response(new byte[2 * BodyWriter.SLICE + 1]);
        ByteBuf content = response.content();

        ChannelFuture done = BodyWriter.write(ctx, response);
        socket.pending.get(1).setFailure(new IOException("Connection reset by peer"));

        assertThat(done.cause()).hasMessage("Connection reset by peer");
        assertThat(socket.written).hasSize(2);
        socket.written.forEach(ReferenceCountUtil::release);
        socket.written.clear();
        assertThat(content.refCnt()).isZero();
    }
}
