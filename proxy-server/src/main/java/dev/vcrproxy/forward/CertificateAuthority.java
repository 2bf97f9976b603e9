package dev.vcrproxy.forward;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * The proxy's own certificate authority: an EC P-256 key and a self-signed CA certificate, kept
 * in a {@link CaDirectory} so that clients trust it once; and the leaf certificates it signs,
 * each valid for one host only (SAN) and for two days.
 */
public final class CertificateAuthority {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration LEAF_VALIDITY = Duration.ofDays(2);
    /** Clocks of clients and proxy may differ a little. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed certificate for one host and its key, with the CA certificate after it. */
    public record Leaf(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {
    }

    private final CaDirectory directory;
    private final PrivateKey key;
    private final X509Certificate certificate;
    /** One key for every leaf, as mitmproxy does: generating one per host buys nothing here. */
    private final KeyPair leafKeys;

    private CertificateAuthority(CaDirectory directory, PrivateKey key, X509Certificate certificate) {
        this.directory = directory;
        this.key = key;
        this.certificate = certificate;
        this.leafKeys = newKeyPair();
    }

    /** Reads the CA in {@code directory}, creating it (folder owner-only, key {@code rw-------}) when absent. */
    public static CertificateAuthority loadOrCreate(CaDirectory directory) throws IOException {
        if (!Files.exists(directory.certificate()) || !Files.exists(directory.privateKey())) {
            create(directory);
        }
        return new CertificateAuthority(directory, Pem.readPrivateKey(directory.privateKey()),
                Pem.readCertificate(directory.certificate()));
    }

    /** True when the folder already holds a CA. */
    public static boolean exists(CaDirectory directory) {
        return Files.exists(directory.certificate()) && Files.exists(directory.privateKey());
    }

    private static void create(CaDirectory directory) throws IOException {
        Path dir = directory.dir();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            setPermissions(dir, "rwx------");
        }
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=vcr-proxy CA " + Long.toHexString(RANDOM.nextLong() >>> 16) + ", O=vcr-proxy");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            // the key first: a certificate without its key would be read as a finished CA
            writeNew(directory.privateKey(), Pem.privateKey(keys.getPrivate()), "rw-------");
            writeNew(directory.certificate(), Pem.certificate(certificate), "rw-r--r--");
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IOException("cannot create the CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A certificate for {@code host} (a DNS name or an IP literal) only. */
    public Leaf issue(String host) {
        Instant now = Instant.now();
        X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        boolean ip = IPV4.matcher(host).matches() || host.contains(":");
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            PublicKey leafKey = leafKeys.getPublic();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(LEAF_VALIDITY)), new X500Name("CN=" + host.replace(",", "").replace("=", "")), leafKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host)))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(leafKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
            return new Leaf(leafKeys.getPrivate(), sign(builder, key), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot sign a certificate for " + host + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public CaDirectory directory() {
        return directory;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code text} to a new owner-only file, links it into place and sets its permissions, never replacing an existing one:
     * two proxies creating the CA at once keep the first one's key and certificate together.
     */
    private static void writeNew(Path target, String text, String permissions) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try (FileChannel channel = openOwnerOnly(temp)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " appeared while the CA was being created; run again to use it", e);
        } catch (UnsupportedOperationException | AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        setPermissions(target, permissions);
    }

    private static FileChannel openOwnerOnly(Path file) throws IOException {
        var options = java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options); // not a POSIX file system: the folder's own access rules apply
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }
}
