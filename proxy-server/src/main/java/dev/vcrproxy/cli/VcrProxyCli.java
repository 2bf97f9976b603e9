package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar vcr-proxy.jar <command>}. */
@Command(name = "vcr-proxy", mixinStandardHelpOptions = true, versionProvider = VcrProxyCli.VersionProvider.class,
        description = "Record/replay reverse proxy for test suites that call LLM endpoints.",
        subcommands = {ServeCommand.class, ModeCommand.class, StatusCommand.class, CassettesCommand.class,
                CommandLine.HelpCommand.class})
public final class VcrProxyCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new VcrProxyCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(VcrProxyCli::oneLine);
    }

    /** Problems with files and folders are one line and exit 1, not a stack trace. */
    private static int oneLine(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof BadCassetteException || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            String message = e instanceof java.nio.file.NoSuchFileException missing
                    ? missing.getFile() + ": " + (missing.getReason() == null ? "no such file" : missing.getReason())
                    : e.getMessage();
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message);
            return 1;
        }
        throw e;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'serve'");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vcr-proxy " + Version.get()};
        }
    }
}
