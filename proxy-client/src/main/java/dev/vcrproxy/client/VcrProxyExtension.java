package dev.vcrproxy.client;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The JUnit 5 side of {@link VcrCassette} and {@link VcrFault}: resolves a {@link VcrTestProxy}
 * parameter for the test's cassette, and sets a test's fault rules before it and clears them after. The proxy is the one at {@code vcr.proxy.url} (default
 * {@code http://127.0.0.1:8080}); or, when {@code vcr.proxy.jar} is set, a proxy started from that
 * jar once per test run (with {@code vcr.proxy.mode}, default {@code replay};
 * {@code vcr.proxy.fixtures}, default {@code fixtures}; {@code vcr.proxy.upstream}; its log to
 * {@code vcr.proxy.log}, default the test run's stderr; {@code vcr.proxy.args}, more serve options
 * such as {@code --intercept api.openai.com}) and stopped after it. Each setting is read from JUnit
 * configuration parameters, then system properties,
 * then environment variables ({@code VCR_PROXY_URL}, {@code VCR_PROXY_JAR}, ...).
 * {@code RECORD_FIXTURES=true} in the environment records for the run: see {@link RecordFixtures}.
 */
public final class VcrProxyExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VcrProxyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == VcrTestProxy.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new VcrTestProxy(client(context), cassetteName(context));
    }

    /** {@link VcrFault} on the method, else on the class: its rules are set before the test. */
    @Override
    public void beforeEach(ExtensionContext context) {
        faultsOf(context).ifPresent(fault -> client(context).faults(fault.seed(), fault.value()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (faultsOf(context).isPresent()) {
            client(context).clearFaults();
        }
    }

    static Optional<VcrFault> faultsOf(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.getAnnotation(VcrFault.class))
                .or(() -> context.getTestClass().map(c -> c.getAnnotation(VcrFault.class)));
    }

    /** The test's cassette: the method's annotation, else the class's, else {@code ClassName/methodName}. */
    static String cassetteName(ExtensionContext context) {
        Optional<String> fromMethod = context.getTestMethod().flatMap(VcrProxyExtension::declared);
        if (fromMethod.isPresent()) {
            return fromMethod.get();
        }
        Optional<String> fromClass = context.getTestClass().flatMap(VcrProxyExtension::declared);
        if (fromClass.isPresent()) {
            return fromClass.get();
        }
        String className = context.getTestClass().map(Class::getSimpleName).orElse("tests");
        String method = context.getTestMethod().map(Method::getName).orElse("all");
        return safe(className) + "/" + safe(method);
    }

    private static Optional<String> declared(AnnotatedElement element) {
        VcrCassette annotation = element.getAnnotation(VcrCassette.class);
        return annotation == null || annotation.value().isEmpty() ? Optional.empty() : Optional.of(annotation.value());
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.equals(".") || cleaned.equals("..") ? "_" + cleaned : cleaned;
    }

    private static VcrProxyClient client(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(VcrProxyClient.class, key -> connect(context), VcrProxyClient.class);
    }

    private static VcrProxyClient connect(ExtensionContext context) {
        Optional<String> jar = setting(context, "vcr.proxy.jar");
        String recordFixtures = System.getenv("RECORD_FIXTURES");
        String token = setting(context, "vcr.proxy.token").orElse(System.getenv("VCR_ADMIN_TOKEN"));
        if (jar.isEmpty()) {
            String url = setting(context, "vcr.proxy.url").orElse("http://127.0.0.1:8080");
            VcrProxyClient client = VcrProxyClient.connect(URI.create(url)).withToken(token);
            awaitProxy(client, url, setting(context, "vcr.proxy.wait"));
            if (RecordFixtures.requested(recordFixtures)) { // put back in its own mode after the run
                context.getRoot().getStore(NAMESPACE).put(RecordFixtures.class, RecordFixtures.switchTo(client));
            }
            return client;
        }
        String mode = RecordFixtures.startMode(setting(context, "vcr.proxy.mode").orElse("replay"), recordFixtures);
        String[] extraArgs = setting(context, "vcr.proxy.args").map(a -> a.trim().split("\\s+")).orElse(new String[0]);
        ProxyLauncher launched = ProxyLauncher.start(Path.of(jar.get()), mode,
                Path.of(setting(context, "vcr.proxy.fixtures").orElse("fixtures")), setting(context, "vcr.proxy.upstream").orElse(null),
                setting(context, "vcr.proxy.log").map(Path::of).orElse(null), extraArgs);
        context.getRoot().getStore(NAMESPACE).put(ProxyLauncher.class, launched); // closed (SIGTERM) after the run
        return VcrProxyClient.connect(launched.base());
    }

    static void awaitProxy(VcrProxyClient client, String url, Optional<String> wait) {
        try {
            client.awaitHealth(waitLimit(wait));
        } catch (VcrProxyException e) {
            if (e.status() != 0) {
                throw e;
            }
            throw new VcrProxyException(e.getMessage() + ". Start one first (./vcr-proxy serve, or java -jar "
                    + "proxy-server/target/vcr-proxy.jar serve; add --mode record-missing to record), point vcr.proxy.url at it "
                    + "(now " + url + "), or set vcr.proxy.jar to the jar so the tests start their own", 0, null, e.getCause());
        }
    }

    /** {@code vcr.proxy.wait}: how long a proxy that is still starting gets to answer, in whole seconds (default 30). */
    static Duration waitLimit(Optional<String> seconds) {
        String value = seconds.orElse("30").trim();
        try {
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vcr.proxy.wait must be whole seconds, e.g. 30; got '" + value + "'");
        }
    }

    private static Optional<String> setting(ExtensionContext context, String key) {
        Optional<String> value = context.getConfigurationParameter(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'))));
        return value.filter(v -> !v.isBlank());
    }
}
