package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Masking;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Responses the proxy makes itself, and sending a response so the connection goes on (or closes). */
final class ProxyResponses {
    private ProxyResponses() {
    }

    /** {@code {"error": {"type": ..., "message": ...}}} plus any extra fields in {@code details}. */
    static ObjectNode errorBody(String type, String message) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return root;
    }

    /** Secret shapes in the body (a miss echoes the request) are masked: the proxy never prints a key. */
    static FullHttpResponse json(int status, ObjectNode body) {
        return bytes(status, "application/json", Json.compactBytes(Masking.json(body)));
    }

    static FullHttpResponse error(int status, String type, String message) {
        FullHttpResponse response = json(status, errorBody(type, message));
        response.headers().set(VcrHeaders.RESULT, "error");
        return response;
    }

    static FullHttpResponse bytes(int status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        return response;
    }

    /** Sets framing and keep-alive, sends, and then reads the next request or closes. */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        setKeepAlive(response, keepAlive);
        BodyWriter.write(ctx, response).addListener(continuation(ctx, keepAlive));
    }

    static HttpResponse setKeepAlive(HttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            response.headers().remove(HttpHeaderNames.CONNECTION);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** After the last byte of a response: go on with the next request, or close the connection. */
    static ChannelFutureListener continuation(ChannelHandlerContext ctx, boolean keepAlive) {
        return future -> {
            if (keepAlive && future.isSuccess() && ctx.handler() instanceof FrontendHandler frontend) {
                frontend.responseDone(ctx);
            } else {
                ctx.close();
            }
        };
    }
}
