package dev.vcrproxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vcrproxy.mode.Mode;
import dev.vcrproxy.testing.StandInUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A stand-in upstream and proxies on ephemeral ports, all stopped after each test. */
abstract class ProxyTestSupport {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path fixtures;
    StandInUpstream upstream;
    private final List<VcrProxyServer> proxies = new ArrayList<>();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = new StandInUpstream();
    }

    @AfterEach
    void stopAll() {
        proxies.forEach(VcrProxyServer::close);
        upstream.close();
    }

    VcrProxyServer proxy(Mode mode) {
        return proxy(mode, b -> {
        });
    }

    VcrProxyServer proxy(Mode mode, Consumer<ProxyConfig.Builder> customize) {
        ProxyConfig.Builder builder = ProxyConfig.builder().port(0).fixtures(fixtures).mode(mode)
                .upstream(upstream.uri().toString());
        customize.accept(builder);
        try {
            VcrProxyServer server = VcrProxyServer.start(builder.build());
            proxies.add(server);
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A replaying proxy with no upstream at all. */
    VcrProxyServer offlineProxy() {
        try {
            VcrProxyServer server = VcrProxyServer.start(ProxyConfig.builder().port(0).fixtures(fixtures).mode(Mode.REPLAY).build());
            proxies.add(server);
            return server;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode cassetteFile(String name) {
        try {
            return MAPPER.readTree(Files.readAllBytes(fixtures.resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
