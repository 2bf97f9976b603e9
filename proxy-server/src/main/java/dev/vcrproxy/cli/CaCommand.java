package dev.vcrproxy.cli;

import dev.vcrproxy.forward.CaDirectory;
import dev.vcrproxy.forward.CertificateAuthority;
import dev.vcrproxy.forward.TrustBundles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vcr-proxy ca init | path | env}: the CA that forward-proxy mode signs certificates with. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "The CA for forward-proxy mode (--intercept): create it, print its path, print client settings.",
        subcommands = {CaCommand.Init.class, CaCommand.PathOf.class, CaCommand.Env.class})
public final class CaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: init, path or env");
    }

    /** {@code --ca-dir DIR}, default {@code VCR_CA_DIR}, else {@code ~/.vcr-proxy/ca}. */
    static final class CaDirOption {
        @Option(names = "--ca-dir", paramLabel = "DIR",
                description = "CA folder (env VCR_CA_DIR, default ~/.vcr-proxy/ca).")
        Path caDir;

        CaDirectory directory() {
            return caDir != null ? new CaDirectory(caDir) : CaDirectory.fromEnv(System.getenv());
        }
    }

    /** Creates the CA when absent and refreshes the bundles; returns it. */
    static CertificateAuthority ensure(CommandLine.Model.CommandSpec spec, CaDirectory directory, Path fixtures) throws IOException {
        try {
            directory.refuseInside(fixtures);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(directory);
        TrustBundles.write(directory, ca.certificate());
        return ca;
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the CA (key readable by its owner only) unless it exists; write bundle.pem and truststore.p12.")
    static final class Init implements Callable<Integer> {
        @Mixin
        CaDirOption dir;
        @Mixin
        FixturesOption fixtures;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CaDirectory directory = dir.directory();
            boolean existed = CertificateAuthority.exists(directory);
            ensure(spec, directory, fixtures.fixtures);
            PrintWriter out = spec.commandLine().getOut();
            out.println((existed ? "CA exists: " : "CA created: ") + directory.certificate());
            out.println("trust it with: eval \"$(vcr-proxy ca env)\" (or add " + directory.certificate()
                    + " to your clients' CA lists)");
            return 0;
        }
    }

    @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the CA certificate's path (creating the CA if needed).")
    static final class PathOf implements Callable<Integer> {
        @Mixin
        CaDirOption dir;
        @Mixin
        FixturesOption fixtures;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CaDirectory directory = dir.directory();
            ensure(spec, directory, fixtures.fixtures);
            spec.commandLine().getOut().println(directory.certificate());
            return 0;
        }
    }

    @Command(name = "env", mixinStandardHelpOptions = true,
            description = "Print shell exports that make Python, Node, curl and Java clients use the proxy and trust its CA:"
                    + " eval \"$(vcr-proxy ca env)\". Run the proxy itself outside that shell.")
    static final class Env implements Callable<Integer> {
        @Mixin
        CaDirOption dir;
        @Mixin
        FixturesOption fixtures;
        @Option(names = "--proxy", paramLabel = "URL", defaultValue = "http://127.0.0.1:${env:VCR_PORT:-8080}",
                description = "The proxy's URL, optionally with a user name that picks the cassette (default ${DEFAULT-VALUE}).")
        String proxy;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CaDirectory directory = dir.directory();
            ensure(spec, directory, fixtures.fixtures);
            URI url = URI.create(proxy);
            if (url.getHost() == null || url.getPort() < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--proxy '" + proxy + "' must look like http://HOST:PORT");
            }
            PrintWriter out = spec.commandLine().getOut();
            exports(directory, url).forEach((name, value) -> out.println("export " + name + "=" + quote(value)));
            return 0;
        }
    }

    static Map<String, String> exports(CaDirectory directory, URI proxy) {
        String bundle = directory.bundle().toString();
        String java = "-Djavax.net.ssl.trustStore=" + directory.trustStore()
                + " -Djavax.net.ssl.trustStorePassword=" + CaDirectory.TRUST_STORE_PASSWORD
                + " -Dhttps.proxyHost=" + proxy.getHost() + " -Dhttps.proxyPort=" + proxy.getPort()
                + " -Dhttp.proxyHost=" + proxy.getHost() + " -Dhttp.proxyPort=" + proxy.getPort()
                + " -Dhttp.nonProxyHosts=localhost|127.0.0.1";
        var exports = new java.util.LinkedHashMap<String, String>();
        exports.put("SSL_CERT_FILE", bundle);
        exports.put("REQUESTS_CA_BUNDLE", bundle);
        exports.put("CURL_CA_BUNDLE", bundle);
        exports.put("NODE_EXTRA_CA_CERTS", directory.certificate().toString());
        exports.put("HTTPS_PROXY", proxy.toString());
        exports.put("HTTP_PROXY", proxy.toString());
        exports.put("NO_PROXY", "localhost,127.0.0.1,::1");
        exports.put("JAVA_TOOL_OPTIONS", java);
        return exports;
    }

    /** Single-quoted for sh, bash and zsh. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
