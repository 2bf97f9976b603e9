package dev.vcrproxy.forward;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.util.Locale;

/**
 * Server-side TLS contexts per intercepted host, each with a leaf certificate from the proxy's CA.
 * Cached well inside the leaves' validity, so a long-running proxy never serves an expired one.
 */
public final class LeafCertificates {
    private final CertificateAuthority ca;
    private final LoadingCache<String, SslContext> contexts;

    public LeafCertificates(CertificateAuthority ca) {
        this.ca = ca;
        this.contexts = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(CertificateAuthority.LEAF_VALIDITY.dividedBy(2))
                .build(this::newContext);
    }

    /** The TLS context for {@code host}; signs a certificate on first use (a few milliseconds). */
    public SslContext forHost(String host) {
        return contexts.get(host.toLowerCase(Locale.ROOT));
    }

    public CertificateAuthority ca() {
        return ca;
    }

    private SslContext newContext(String host) throws SSLException {
        CertificateAuthority.Leaf leaf = ca.issue(host);
        // HTTP/1.1 only inside the tunnel: no ALPN offer, so clients do not try h2
        return SslContextBuilder.forServer(leaf.key(), leaf.certificate(), leaf.issuer())
                .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                .build();
    }

    @Override
    public String toString() {
        return "leaf certificates of " + ca.directory().dir();
    }
}
