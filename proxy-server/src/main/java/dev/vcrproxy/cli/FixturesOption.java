package dev.vcrproxy.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --fixtures DIR}, as every offline command takes it. */
final class FixturesOption {
    @Option(names = "--fixtures", defaultValue = "${env:VCR_FIXTURES:-fixtures}", paramLabel = "DIR",
            description = "Cassette folder (env VCR_FIXTURES, default ./${DEFAULT-VALUE}).")
    Path fixtures;
}
