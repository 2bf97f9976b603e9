package dev.vcrproxy.cli;

import picocli.CommandLine.Option;

import java.net.URI;

/** How commands reach a running proxy's admin API. */
final class AdminOptions {
    @Option(names = "--admin", defaultValue = "${env:VCR_ADMIN_URL:-http://127.0.0.1:8080}", paramLabel = "URL",
            description = "The running proxy (env VCR_ADMIN_URL, default ${DEFAULT-VALUE}).")
    String adminUrl;

    @Option(names = "--admin-token", defaultValue = "${env:VCR_ADMIN_TOKEN}", paramLabel = "T",
            description = "Token for admin writes (env VCR_ADMIN_TOKEN).")
    String adminToken;

    AdminClient client() {
        String base = adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
        return new AdminClient(URI.create(base), adminToken);
    }
}
