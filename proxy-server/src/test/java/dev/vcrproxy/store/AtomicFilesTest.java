package dev.vcrproxy.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesThePiecesInOrderIntoNewFoldersAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("a/b/cassette.json");

        AtomicFiles.write(target, List.of(utf8("{\"x\": "), utf8(""), utf8("1}")));

        assertThat(target).hasContent("{\"x\": 1}");
        assertThat(Files.list(target.getParent())).containsExactly(target);
    }

    @Test
    void aNewFileIsReadableByOthersAndAReplacedOneKeepsItsPermissions() throws IOException {
        Path fresh = dir.resolve("fresh.json");
        AtomicFiles.write(fresh, utf8("1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");

        Path kept = dir.resolve("kept.json");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(kept, utf8("new"));
        assertThat(kept).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-rw----");
    }

    @Test
    void tempFileNamesCanNeverBeCassetteFiles() {
        assertThat(AtomicFiles.isTempFile(Path.of(".vcr~default.json~3k2j1h.tmp"))).isTrue();
        assertThat(AtomicFiles.isTempFile(Path.of(".vcr-tmp-default.json-3k2j1h.tmp"))).isTrue();
        assertThat(AtomicFiles.isTempFile(Path.of(".vcr-tmp-x.json"))).isFalse();
        assertThat(AtomicFiles.isTempFile(Path.of(".vcr-tmp-x-1.json"))).isFalse();
        assertThat(dev.vcrproxy.cassette.CassetteName.problemWith(".vcr~x~1")).isNotNull();
    }

    @Test
    void aFailedReplaceKeepsTheOldContentAndRemovesItsTempFile() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.json"), "{}");

        assertThatThrownBy(() -> AtomicFiles.write(target, utf8("new"))).isInstanceOf(IOException.class);

        assertThat(target).isDirectory();
        assertThat(target.resolve("inside.json")).hasContent("{}");
        assertThat(Files.list(dir)).containsExactly(target);
    }
}
