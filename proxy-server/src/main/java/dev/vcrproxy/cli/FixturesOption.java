package dev.vcrproxy.cli;

import dev.vcrproxy.server.ProjectFile;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --fixtures DIR} and the project file that governs it, as every offline command takes them. */
final class FixturesOption {
    @Option(names = "--fixtures", defaultValue = "${env:VCR_FIXTURES:-fixtures}", paramLabel = "DIR",
            description = "Cassette folder (env VCR_FIXTURES, default ./${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(names = "--config", defaultValue = "${env:VCR_CONFIG}", paramLabel = "FILE",
            description = "Project file with routes and matching rules (env VCR_CONFIG, default DIR/" + ProjectFile.NAME
                    + " when present).")
    Path config;

    /** The project file in force: read by every offline command, so a broken one is reported wherever it is used. */
    ProjectFile project() {
        return ProjectFile.locate(config, fixtures);
    }
}
