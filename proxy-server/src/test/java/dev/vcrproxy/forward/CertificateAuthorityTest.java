package dev.vcrproxy.forward;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsReadableByItsOwnerOnlyAndTheCaIsReusedOnceCreated() throws Exception {
        CaDirectory directory = new CaDirectory(dir.resolve("ca"));
        CertificateAuthority first = CertificateAuthority.loadOrCreate(directory);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.privateKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.dir()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.certificate()))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(directory.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(first.certificate().getBasicConstraints()).isZero();

        CertificateAuthority again = CertificateAuthority.loadOrCreate(directory);
        assertThat(again.certificate()).isEqualTo(first.certificate());
        try (var files = Files.list(directory.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("vcr-proxy-ca.pem", "vcr-proxy-ca-key.pem");
        }
    }

    @Test
    void aLeafNamesOneHostOnlyIsShortLivedAndSignedByTheCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(new CaDirectory(dir));
        CertificateAuthority.Leaf leaf = ca.issue("api.openai.com");
        X509Certificate certificate = leaf.certificate();
        certificate.verify(ca.certificate().getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "api.openai.com"));
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertThat(validity).isLessThanOrEqualTo(Duration.ofDays(3));
        certificate.checkValidity();

        assertThat(ca.issue("127.0.0.1").certificate().getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
    }

    @Test
    void aCaFolderInsideTheFixturesIsRefused() {
        Path fixtures = dir.resolve("fixtures");
        assertThatThrownBy(() -> new CaDirectory(fixtures.resolve("ca")).refuseInside(fixtures))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixtures");
        assertThatThrownBy(() -> new CaDirectory(fixtures).refuseInside(fixtures)).isInstanceOf(IllegalArgumentException.class);
        new CaDirectory(dir.resolve("ca")).refuseInside(fixtures);
    }

    @Test
    void theBundleHoldsTheSystemCasAndThisOne() throws Exception {
        CaDirectory directory = new CaDirectory(dir);
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(directory);
        TrustBundles.write(directory, ca.certificate());
        String bundle = Files.readString(directory.bundle());
        assertThat(bundle).endsWith(Pem.certificate(ca.certificate()));
        assertThat(bundle.split("BEGIN CERTIFICATE").length).as("system CAs too").isGreaterThan(10);
        var store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(directory.trustStore())) {
            store.load(in, CaDirectory.TRUST_STORE_PASSWORD.toCharArray());
        }
        assertThat(store.getCertificate("vcr-proxy-ca")).isEqualTo(ca.certificate());
        assertThat(store.size()).isGreaterThan(10);
    }
}
