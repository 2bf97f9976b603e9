package dev.vcrproxy.forward;

import dev.vcrproxy.store.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

/**
 * The one-file trust lists that clients take in place of the system's: {@code bundle.pem} (the
 * system's CAs plus the proxy's, for {@code SSL_CERT_FILE}, {@code REQUESTS_CA_BUNDLE},
 * {@code CURL_CA_BUNDLE}) and {@code truststore.p12} (the JDK's CAs plus the proxy's, for
 * {@code -Djavax.net.ssl.trustStore}), so that calls to hosts not intercepted keep working.
 */
public final class TrustBundles {
    /** Where Debian/Ubuntu, Fedora/RHEL, openSUSE, Alpine/macOS and Homebrew keep theirs. */
    private static final List<Path> SYSTEM_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/ssl/cert.pem"),
            Path.of("/usr/local/etc/openssl/cert.pem"));

    private TrustBundles() {
    }

    /** Writes both files (again: the system's list may have changed); returns where the system's CAs came from. */
    public static String write(CaDirectory directory, X509Certificate ca) throws IOException {
        KeyStore jdk = jdkCaCerts();
        Path system = SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst().orElse(null);
        StringBuilder bundle = new StringBuilder();
        if (system != null) {
            bundle.append(Files.readString(system, StandardCharsets.UTF_8));
            if (bundle.length() > 0 && bundle.charAt(bundle.length() - 1) != '\n') {
                bundle.append('\n');
            }
        } else {
            appendAll(bundle, jdk);
        }
        bundle.append("# vcr-proxy CA: ").append(ca.getSubjectX500Principal().getName()).append('\n')
                .append(Pem.certificate(ca));
        AtomicFiles.write(directory.bundle(), bundle.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(directory.trustStore(), trustStore(jdk, ca));
        return system != null ? system.toString() : "the JDK's cacerts";
    }

    private static KeyStore jdkCaCerts() throws IOException {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        try (InputStream in = Files.newInputStream(cacerts)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, null);
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the JDK's CA list " + cacerts + ": " + e.getMessage(), e);
        }
    }

    private static void appendAll(StringBuilder bundle, KeyStore store) throws IOException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    bundle.append(Pem.certificate(x509));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the JDK's CA list: " + e.getMessage(), e);
        }
    }

    private static byte[] trustStore(KeyStore jdk, X509Certificate ca) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (String alias : Collections.list(jdk.aliases())) {
                if (jdk.isCertificateEntry(alias)) {
                    store.setCertificateEntry(alias, jdk.getCertificate(alias));
                }
            }
            store.setCertificateEntry("vcr-proxy-ca", ca);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, CaDirectory.TRUST_STORE_PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store: " + e.getMessage(), e);
        }
    }
}
