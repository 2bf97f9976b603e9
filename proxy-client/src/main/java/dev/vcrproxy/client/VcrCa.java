package dev.vcrproxy.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Collections;

/**
 * The CA of a proxy in forward-proxy mode ({@code serve --intercept HOST}), for Java clients:
 * an {@link SSLContext} that trusts it as well as the JDK's own CAs, so other HTTPS calls keep working.
 */
public final class VcrCa {
    private VcrCa() {
    }

    /** {@code vcr.proxy.ca.dir} (system property), else {@code VCR_CA_DIR}, else {@code ~/.vcr-proxy/ca}. */
    public static Path defaultDir() {
        String configured = System.getProperty("vcr.proxy.ca.dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("VCR_CA_DIR");
        }
        return configured != null && !configured.isBlank() ? Path.of(configured.trim())
                : Path.of(System.getProperty("user.home"), ".vcr-proxy", "ca");
    }

    /** Trusts {@code caDir/vcr-proxy-ca.pem} and the JDK's CAs. */
    public static SSLContext sslContext(Path caDir) {
        Path certificate = caDir.resolve("vcr-proxy-ca.pem");
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
                KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
                jdk.load(in, null);
                for (String alias : Collections.list(jdk.aliases())) {
                    trust.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
            try (InputStream in = Files.newInputStream(certificate)) {
                trust.setCertificateEntry("vcr-proxy-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the vcr-proxy CA " + certificate + " (create it with 'vcr-proxy ca init',"
                    + " or start the proxy with --intercept): " + e.getMessage(), e);
        }
    }
}
