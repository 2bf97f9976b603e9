package dev.vcrproxy.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * A usage error is its message, picocli's "did you mean" suggestions and a pointer to --help,
 * not the whole help text after it (serve's runs to some 70 lines with its variables).
 */
final class ShortUsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(problem.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
