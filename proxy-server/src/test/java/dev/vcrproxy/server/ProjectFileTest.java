package dev.vcrproxy.server;

import dev.vcrproxy.cassette.JsonPointer;
import dev.vcrproxy.upstream.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project file, fixtures/vcr-proxy.json, as DESIGN shows it and with each kind of mistake. */
class ProjectFileTest {
    @TempDir
    Path fixtures;

    private Path write(String json) throws IOException {
        return Files.writeString(fixtures.resolve(ProjectFile.NAME), json);
    }

    @Test
    void readsTheExampleOfTheDesign() throws IOException {
        Path file = write("""
                {"routes": {"/generate": "https://org--generate.modal.run", "/health": "https://org--health.modal.run"},
                 "presets": ["modal"], "ignore_json": ["/seed"], "ignore_query": [], "match_headers": [],
                 "redact_headers": [], "redact_json": []}
                """);
        ProjectFile project = ProjectFile.locate(null, fixtures);
        assertThat(project.file()).isEqualTo(file);
        assertThat(project.routes()).extracting(Route::toString)
                .containsExactly("/generate=https://org--generate.modal.run", "/health=https://org--health.modal.run");
        assertThat(project.rules().ignoreJson()).extracting(JsonPointer::text).containsExactly("/seed");
        assertThat(project.rules().redactHeaders()).contains("modal-key"); // from the preset
    }

    @Test
    void everyRuleKeyCounts() throws IOException {
        write("{\"ignore_query\": [\"ts\"], \"match_headers\": [\"X-Tenant\"], \"redact_headers\": [\"x-user\"],"
                + " \"redact_json\": [\"/email\"], \"presets\": [\"anthropic\"]}");
        ProjectFile project = ProjectFile.locate(null, fixtures);
        assertThat(project.rules().ignoreQuery()).containsExactly("ts");
        assertThat(project.rules().matchHeaders()).contains("x-tenant", "anthropic-version");
        assertThat(project.rules().redactHeaders()).containsExactly("x-user");
        assertThat(project.rules().redactJson()).extracting(JsonPointer::text).containsExactly("/email");
    }

    @Test
    void withoutTheFileNothingChanges() {
        assertThat(ProjectFile.locate(null, fixtures)).isEqualTo(ProjectFile.NONE);
        assertThat(ProjectFile.locate(null, fixtures.resolve("absent"))).isEqualTo(ProjectFile.NONE);
    }

    @Test
    void anExplicitFileMustExist() {
        assertThatThrownBy(() -> ProjectFile.locate(fixtures.resolve("other.json"), fixtures))
                .isInstanceOf(BadProjectFileException.class)
                .hasMessageContaining("other.json: no such project file (--config / VCR_CONFIG)");
    }

    @Test
    void eachMistakeNamesTheFileAndTheKey() throws IOException {
        String file = fixtures.resolve(ProjectFile.NAME).toString();
        assertProblem("{\"route\": {}}", file + ": unknown key \"route\"; expected one of routes, presets");
        assertProblem("{\"ignore_json\": [\"seed\"]}", file + ": \"ignore_json\": JSON pointer 'seed' must be empty or start with '/'");
        assertProblem("{\"redact_json\": \"/email\"}", file + ": \"redact_json\": must be an array of strings");
        assertProblem("{\"routes\": {\"/generate\": \"ftp://x\"}}", file + ": \"routes\": \"/generate\": upstream 'ftp://x' must be an http");
        assertProblem("{\"routes\": {\"generate\": \"https://x\"}}", file + ": \"routes\": \"generate\": route prefix 'generate' must start");
        assertProblem("{\"routes\": {\"/g\": \"https://bad host\"}}", file + ": \"routes\": \"/g\": ");
        assertProblem("{\"presets\": [\"modall\"]}", file + ": \"presets\": unknown preset 'modall'");
        assertProblem("{\"presets\": [1]}", file + ": \"presets\": must be an array of strings, not 1");
        assertProblem("{\n  \"presets\": [\"modal\"\n", file + ":3: not valid JSON");
        assertProblem("[]", file + ": must be a JSON object");
    }

    private void assertProblem(String json, String message) throws IOException {
        write(json);
        assertThatThrownBy(() -> ProjectFile.locate(null, fixtures)).as(json)
                .isInstanceOf(BadProjectFileException.class).hasMessageStartingWith(message);
    }
}
