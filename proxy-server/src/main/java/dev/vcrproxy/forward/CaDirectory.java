package dev.vcrproxy.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder that holds the proxy's CA: {@code vcr-proxy-ca.pem} (the certificate clients
 * trust), {@code vcr-proxy-ca-key.pem} (its private key, owner-only), and for clients that take
 * one file, {@code bundle.pem} (the system's CAs plus this one) and {@code truststore.p12} (the
 * JDK's CAs plus this one, password {@value #TRUST_STORE_PASSWORD}).
 */
public record CaDirectory(Path dir) {
    public static final String TRUST_STORE_PASSWORD = "changeit";

    public CaDirectory {
        dir = dir.toAbsolutePath().normalize();
    }

    /** {@code VCR_CA_DIR}, else {@code ~/.vcr-proxy/ca}. */
    public static CaDirectory fromEnv(Map<String, String> env) {
        String configured = env.get("VCR_CA_DIR");
        if (configured != null && !configured.isBlank()) {
            return new CaDirectory(Path.of(configured.trim()));
        }
        return new CaDirectory(Path.of(System.getProperty("user.home"), ".vcr-proxy", "ca"));
    }

    public Path certificate() {
        return dir.resolve("vcr-proxy-ca.pem");
    }

    public Path privateKey() {
        return dir.resolve("vcr-proxy-ca-key.pem");
    }

    public Path bundle() {
        return dir.resolve("bundle.pem");
    }

    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /**
     * Cassettes are committed to git; a CA key among them would be too.
     * @throws IllegalArgumentException when this folder is {@code fixtures} or inside it
     */
    public void refuseInside(Path fixtures) {
        Path root = real(fixtures.toAbsolutePath().normalize());
        if (real(dir).startsWith(root)) {
            throw new IllegalArgumentException("CA folder " + dir + " is inside the fixtures folder " + fixtures
                    + ", which is committed to git: choose another --ca-dir (default ~/.vcr-proxy/ca)");
        }
    }

    /** The real path of the longest existing ancestor, with the rest appended: symlinks cannot hide where it is. */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
