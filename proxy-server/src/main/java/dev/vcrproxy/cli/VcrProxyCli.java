package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.server.BadProjectFileException;
import dev.vcrproxy.server.Preload;
import dev.vcrproxy.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code java -jar vcr-proxy.jar <command>}. */
@Command(name = "vcr-proxy", mixinStandardHelpOptions = true, versionProvider = VcrProxyCli.VersionProvider.class,
        description = "Record/replay reverse proxy for test suites that call LLM endpoints.")
public final class VcrProxyCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("serve")) {
            Preload.startInBackground();
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The configured command line with every command; tests call {@code execute} on it in-process. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a command's name, only that command
     * is set up, since picocli reads every registered command's annotations before parsing, which
     * would delay the proxy's start. Help and usage errors still see them all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine root = new CommandLine(new VcrProxyCli());
        String named = args.length > 0 && COMMANDS.containsKey(args[0]) ? args[0] : null;
        COMMANDS.forEach((name, command) -> {
            if (named == null || named.equals(name)) {
                root.addSubcommand(name, command.get());
            }
        });
        if (named == null) {
            root.addSubcommand(new CommandLine.HelpCommand());
        }
        return root.setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(VcrProxyCli::masked)
                .setParameterExceptionHandler(EnvDefaults.namingTheVariable(new ShortUsageErrors()))
                .setExecutionExceptionHandler(VcrProxyCli::oneLine);
    }

    /** Runs the command with its output masked: set here, so writers a caller gave are masked too. */
    private static int masked(CommandLine.ParseResult parsed) {
        CommandLine root = parsed.commandSpec().commandLine();
        PrintWriter out = MaskedOutput.around(root.getOut());
        PrintWriter err = MaskedOutput.around(root.getErr());
        root.setOut(out);
        root.setErr(err);
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", () -> ServeCommand.commandLine(System.getenv()));
        commands.put("mode", ModeCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("cassettes", CassettesCommand::new);
        commands.put("ca", CaCommand::new);
        commands.put("check", CheckCommand::new);
        return commands;
    }

    /** Problems with files and folders are one line and exit 1 (a bad project file: 2), not a stack trace. */
    private static int oneLine(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof BadProjectFileException) {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 2;
        }
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
