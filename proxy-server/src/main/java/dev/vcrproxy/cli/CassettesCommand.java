package dev.vcrproxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vcr-proxy cassettes ...}: offline work on the cassette folder. */
@Command(name = "cassettes", mixinStandardHelpOptions = true,
        description = "Inspect and maintain the cassettes in --fixtures DIR (offline).",
        subcommands = {ListCommand.class, ShowCommand.class, LintCommand.class, VerifyCommand.class, PruneCommand.class})
public final class CassettesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show, lint, verify or prune");
    }
}
