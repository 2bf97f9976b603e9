package dev.vcrproxy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every option of a command reads {@code VCR_} + its name ({@code --max-body-mib} →
 * {@code VCR_MAX_BODY_MIB}) when the command line leaves it out. One rule instead of a
 * {@code ${env:…}} per option, so a new option has its variable without code and the help lists it.
 * A repeatable option splits the value on commas (its {@code split = ","}); an empty value is unset.
 */
final class EnvDefaults implements CommandLine.IDefaultValueProvider {
    static final String HELP_SECTION = "environment";

    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = env;
    }

    /** Applies the rule to {@code command} and lists the variables in its help, after the options. */
    static CommandLine install(CommandLine command, Map<String, String> env) {
        command.setDefaultValueProvider(new EnvDefaults(env));
        command.getHelpSectionMap().put(HELP_SECTION, EnvDefaults::help);
        List<String> sections = new ArrayList<>(command.getHelpSectionKeys());
        sections.add(sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), HELP_SECTION);
        command.setHelpSectionKeys(sections);
        return command.setParameterExceptionHandler(namingTheVariable(command.getParameterExceptionHandler()));
    }

    /** A handler that says which variable a value picocli cannot read came from, then leaves the rest to {@code next}. */
    static CommandLine.IParameterExceptionHandler namingTheVariable(CommandLine.IParameterExceptionHandler next) {
        return (problem, args) -> next.handleParseException(namingTheVariable(problem), args);
    }

    private static CommandLine.ParameterException namingTheVariable(CommandLine.ParameterException problem) {
        CommandLine command = problem.getCommandLine();
        if (!(problem.getArgSpec() instanceof OptionSpec option) || !(command.getDefaultValueProvider() instanceof EnvDefaults defaults)
                || (command.getParseResult() != null && command.getParseResult().hasMatchedOption(option))) {
            return problem;
        }
        if (defaults.valueOf(option) == null) {
            return problem;
        }
        return new CommandLine.ParameterException(command, problem.getMessage() + " (from " + variable(option) + ")", problem,
                option, problem.getValue());
    }

    /** The variable of {@code option}, or null for --help and --version. */
    static String variable(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) {
            return null;
        }
        return "VCR_" + option.longestName().replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String value = arg instanceof OptionSpec option ? valueOf(option) : null;
        if (value != null && (arg.type() == boolean.class || arg.type() == Boolean.class)) {
            return EnvSwitch.parse(value).map(String::valueOf).orElse(value); // picocli names a value it cannot read
        }
        return value;
    }

    /** The trimmed value of {@code option}'s variable; null when it is unset or empty. */
    private String valueOf(OptionSpec option) {
        String variable = variable(option);
        String value = variable == null ? null : env.get(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String help(CommandLine.Help help) {
        StringBuilder text = new StringBuilder(String.format(
                "%nEnvironment: an option left out of the command line reads its variable;%n"
                        + "a repeatable option takes a comma-separated list, a switch true or false.%n"));
        for (OptionSpec option : help.commandSpec().options()) {
            String variable = variable(option);
            if (variable != null) {
                text.append(String.format("  %-24s %s%s%n", variable, option.longestName(), option.isMultiValue() ? " (a,b,…)" : ""));
            }
        }
        return text.toString();
    }
}
