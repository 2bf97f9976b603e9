package dev.vcrproxy.forward;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Turns an accepted {@code CONNECT} tunnel into a TLS server for the host the client asked for:
 * the certificate is for the SNI name when that is an intercepted host, else for the
 * {@code CONNECT} host (clients send no SNI for IP addresses). Signing runs off the event loop.
 */
public final class TlsTermination {
    public static final String HANDLER_NAME = "tls";

    private TlsTermination() {
    }

    /** Adds TLS in front of the HTTP codec; call after the {@code 200} answer to {@code CONNECT} is written. */
    public static void install(Channel channel, LeafCertificates leaves, InterceptRules rules, String connectHost,
                               Executor signer) {
        AsyncMapping<String, SslContext> mapping = (sni, promise) -> choose(leaves, rules, connectHost, sni, promise, signer);
        channel.pipeline().addFirst(HANDLER_NAME, new SniHandler(mapping));
    }

    private static Future<SslContext> choose(LeafCertificates leaves, InterceptRules rules, String connectHost, String sni,
                                             Promise<SslContext> promise, Executor signer) {
        String host = sni != null && rules.matches(sni) ? sni : connectHost;
        CompletableFuture.supplyAsync(() -> leaves.forHost(host), signer).whenComplete((context, error) -> {
            if (error != null) {
                promise.tryFailure(error.getCause() != null ? error.getCause() : error);
            } else {
                promise.trySuccess(context);
            }
        });
        return promise;
    }
}
