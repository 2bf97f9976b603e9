package dev.vcrproxy.store;

import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Fixtures;
import dev.vcrproxy.cassette.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FileCassetteStoreTest {
    private static final int CASSETTES = 40;

    @TempDir
    Path fixtures;

    /** However many cassettes a suite touches, the loaded ones stay within the weight limit. */
    @Test
    void loadedCassettesStayWithinTheWeightLimitAndEvictedOnesLoadAgain() throws Exception {
        long fileSize = 0;
        for (int i = 0; i < CASSETTES; i++) {
            fileSize = Math.max(fileSize, write(name(i), "{\"prompt\": \"cassette " + i + "\"}"));
        }
        long limit = 4 * fileSize;
        try (FileCassetteStore store = new FileCassetteStore(fixtures, limit)) {
            for (int i = 0; i < CASSETTES; i++) {
                assertThat(store.load(name(i)).join().interactions()).hasSize(1);
            }
            List<Integer> stillLoaded = IntStream.range(0, CASSETTES).filter(i -> store.loaded(name(i)) != null).boxed().toList();
            assertThat(stillLoaded.size()).isBetween(1, 4);

            int evicted = IntStream.range(0, CASSETTES).filter(i -> !stillLoaded.contains(i)).findFirst().orElseThrow();
            Interaction reloaded = store.load(name(evicted)).join().interactions().get(0);
            assertThat(new String(reloaded.request().body().bytes(), StandardCharsets.UTF_8)).contains("cassette " + evicted);
        }
    }

    private long write(CassetteName name, String requestJson) throws Exception {
        Cassette cassette = new Cassette(name, List.of(Fixtures.interaction(requestJson, "{\"text\": \"ok\"}")));
        Path file = name.fileIn(fixtures);
        Files.createDirectories(file.getParent());
        Files.write(file, CassetteCodec.write(cassette));
        return Files.size(file);
    }

    private static CassetteName name(int i) {
        return CassetteName.of("suite/test-" + i);
    }
}
