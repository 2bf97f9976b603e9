package dev.vcrproxy.store;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.Fixtures;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.InvalidCassetteNameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store against its folder as people and tools change it: edits, checkouts, truncation, links, case. */
class FileCassetteStoreDiskTest {
    private static final CassetteName NAME = CassetteName.of("suite/parser");

    @TempDir
    Path fixtures;
    @TempDir
    Path outside;
    private FileCassetteStore store;

    private FileCassetteStore store() {
        store = new FileCassetteStore(fixtures, 64L << 20);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static Interaction interaction(String prompt, String answer) {
        return Fixtures.interaction("{\"prompt\": \"" + prompt + "\"}", "{\"text\": \"" + answer + "\"}");
    }

    private Path file() {
        return NAME.fileIn(fixtures);
    }

    private void writeByHand(Interaction... interactions) throws IOException {
        Files.createDirectories(file().getParent());
        Files.write(file(), CassetteCodec.write(new Cassette(NAME, List.of(interactions))));
    }

    private List<String> answersOnDisk() throws IOException {
        return CassetteCodec.read(Files.readAllBytes(file()), "x").interactions().stream()
                .map(i -> new String(i.response().body().bytes(), StandardCharsets.UTF_8)).toList();
    }

    /** Past the replay side's look-again interval. */
    private static void pause() throws InterruptedException {
        Thread.sleep(3 * LoadedCassette.RECHECK_NANOS / 1_000_000);
    }

    @Test
    void aRecordingAfterAnEditOnDiskJoinsTheEditedFileInsteadOfOverwritingIt() throws Exception {
        FileCassetteStore store = store();
        store.record(NAME, interaction("a", "first"), RecordPolicy.APPEND).join();
        writeByHand(interaction("a", "edited by hand"), interaction("c", "added by hand"));

        store.record(NAME, interaction("b", "second"), RecordPolicy.APPEND).join();

        assertThat(answersOnDisk()).containsExactlyInAnyOrder("{\"text\":\"edited by hand\"}",
                "{\"text\":\"added by hand\"}", "{\"text\":\"second\"}");
    }

    /** An in-place rewrite of the same size with the old modification time: only the content tells. */
    @Test
    void aSameSizeRewriteWithTheSameModificationTimeIsStillSeen() throws Exception {
        FileCassetteStore store = store();
        store.record(NAME, interaction("a", "one"), RecordPolicy.APPEND).join();
        FileTime before = Files.getLastModifiedTime(file());
        long size = Files.size(file());
        Files.write(file(), Files.readString(file()).replace("one", "uno").getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(file(), before);
        assertThat(Files.size(file())).isEqualTo(size);

        store.record(NAME, interaction("b", "two"), RecordPolicy.APPEND).join();

        assertThat(answersOnDisk()).containsExactlyInAnyOrder("{\"text\":\"uno\"}", "{\"text\":\"two\"}");
    }

    @Test
    void aTruncatedFileFailsTheRecordingAndIsNeverOverwritten() throws Exception {
        FileCassetteStore store = store();
        store.record(NAME, interaction("a", "one"), RecordPolicy.APPEND).join();
        byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(file()), 40);
        Files.write(file(), truncated);

        assertThatThrownBy(() -> store.record(NAME, interaction("b", "two"), RecordPolicy.APPEND).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(BadCassetteException.class)
                .hasMessageContaining("suite/parser.json");
        assertThat(Files.readAllBytes(file())).isEqualTo(truncated);
        pause();
        assertThat(store.loaded(NAME)).isNull();
        assertThatThrownBy(() -> store.load(NAME).join()).hasCauseInstanceOf(BadCassetteException.class);
    }

    @Test
    void replayPicksUpAChangedFileOnItsNextUse() throws Exception {
        writeByHand(interaction("a", "one"));
        FileCassetteStore store = store();
        assertThat(store.load(NAME).join().interactions()).hasSize(1);
        assertThat(store.loaded(NAME)).isNotNull();

        Path replacement = fixtures.resolve("replacement.tmp"); // as git checkout does: a new file renamed over
        Files.write(replacement, CassetteCodec.write(new Cassette(NAME, List.of(interaction("a", "one"), interaction("b", "two")))));
        Files.move(replacement, file(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        pause();

        assertThat(store.loaded(NAME)).isNull();
        assertThat(store.load(NAME).join().interactions()).hasSize(2);
        Files.delete(file());
        pause();
        assertThat(store.load(NAME).join().interactions()).isEmpty();
    }

    @Test
    void aFolderLinkOutOfTheFixturesIsRefusedForReadingAndWriting() throws Exception {
        Files.createSymbolicLink(fixtures.resolve("linkdir"), outside);
        Files.writeString(outside.resolve("secret.json"), "{\"format\": 1, \"name\": \"linkdir/secret\", \"interactions\": []}");
        CassetteName escaped = CassetteName.of("linkdir/escaped");
        FileCassetteStore store = store();

        assertThatThrownBy(() -> store.record(escaped, interaction("a", "one"), RecordPolicy.APPEND).join())
                .hasCauseInstanceOf(InvalidCassetteNameException.class)
                .hasMessageContaining("symbolic link 'linkdir'").hasMessageContaining("outside the fixtures folder");
        assertThatThrownBy(() -> store.load(CassetteName.of("linkdir/secret")).join())
                .hasCauseInstanceOf(InvalidCassetteNameException.class);
        try (var files = Files.list(outside)) {
            assertThat(files).containsExactly(outside.resolve("secret.json"));
        }
    }

    @Test
    void aLinkThatStaysInsideIsFollowedAndWrittenThrough() throws Exception {
        Files.createDirectories(fixtures.resolve("v2"));
        Files.createSymbolicLink(fixtures.resolve("latest"), fixtures.resolve("v2"));
        FileCassetteStore store = store();

        store.record(CassetteName.of("latest/parser"), interaction("a", "one"), RecordPolicy.APPEND).join();

        assertThat(fixtures.resolve("v2/parser.json")).isRegularFile();
        assertThat(Files.isSymbolicLink(fixtures.resolve("latest"))).isTrue();
    }

    /** Folder listings are kept between loads, and listed again once the folder changes. */
    @Test
    void aCaseTwinCreatedAfterTheFolderWasListedIsRefusedToo() throws Exception {
        writeByHand(interaction("a", "one"));
        Files.setLastModifiedTime(file().getParent(), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        FileCassetteStore store = store();
        assertThat(store.load(NAME).join().interactions()).hasSize(1);
        assertThat(store.load(CassetteName.of("suite/other")).join().interactions()).isEmpty();

        Files.writeString(file().resolveSibling("Other.json"), "{\"format\": 1, \"name\": \"suite/Other\", \"interactions\": []}");

        assertThatThrownBy(() -> store.record(CassetteName.of("suite/other"), interaction("b", "two"), RecordPolicy.APPEND).join())
                .hasMessageContaining("differs only in case from the existing cassette file 'Other.json'");
    }

    @Test
    void aNameDifferingOnlyInCaseFromAnExistingFileOrFolderIsRefused() throws Exception {
        writeByHand(interaction("a", "one"));
        FileCassetteStore store = store();

        assertThatThrownBy(() -> store.load(CassetteName.of("suite/Parser")).join())
                .hasCauseInstanceOf(InvalidCassetteNameException.class)
                .hasMessageContaining("differs only in case from the existing cassette file 'parser.json'");
        assertThatThrownBy(() -> store.record(CassetteName.of("Suite/other"), interaction("a", "one"), RecordPolicy.APPEND).join())
                .hasMessageContaining("differs only in case from the existing folder 'suite'");
        assertThat(store.load(NAME).join().interactions()).hasSize(1);
        try (var files = Files.list(fixtures)) {
            assertThat(files).containsExactly(fixtures.resolve("suite"));
        }
    }
}
