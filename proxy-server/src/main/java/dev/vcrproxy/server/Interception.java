package dev.vcrproxy.server;

import dev.vcrproxy.forward.CertificateAuthority;
import dev.vcrproxy.forward.LeafCertificates;
import dev.vcrproxy.forward.TrustBundles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Sets up forward-proxy mode at start: the CA (created on first use) and its leaf certificates. */
final class Interception {
    private static final Logger log = LoggerFactory.getLogger(Interception.class);

    private Interception() {
    }

    /** @throws IllegalArgumentException when the CA folder cannot be read or created */
    static LeafCertificates start(ProxyConfig config) {
        boolean existed = CertificateAuthority.exists(config.caDirectory());
        CertificateAuthority ca;
        try {
            ca = CertificateAuthority.loadOrCreate(config.caDirectory());
            if (!existed) {
                TrustBundles.write(config.caDirectory(), ca.certificate());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use the CA in " + config.caDirectory().dir() + " (--ca-dir): "
                    + e.getMessage(), e);
        }
        log.info("intercepting {} with {} CA {} ('vcr-proxy ca env' prints what clients need to trust it)",
                config.intercept(), existed ? "the" : "a new", config.caDirectory().certificate());
        return new LeafCertificates(ca);
    }
}
