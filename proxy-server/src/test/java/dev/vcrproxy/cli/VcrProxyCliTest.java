package dev.vcrproxy.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The top-level command line: what main builds for each kind of argument list. */
class VcrProxyCliTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = VcrProxyCli.commandLine(args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommand() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("serve", "mode", "status", "cassettes", "help");
    }

    @Test
    void aNamedCommandIsSetUpAloneAndKeepsItsQualifiedName() {
        var cli = VcrProxyCli.commandLine(new String[] {"serve", "--help"});
        assertThat(cli.getSubcommands()).containsOnlyKeys("serve");
        Run help = run("serve", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: vcr-proxy serve").contains("--upstream-timeout");
    }

    @Test
    void helpCommandStillReachesEveryCommand() {
        Run help = run("help", "cassettes");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: vcr-proxy cassettes");
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Run bogus = run("statuss");
        assertThat(bogus.exit()).isEqualTo(2);
        assertThat(bogus.err()).contains("Unmatched argument").contains("vcr-proxy status");
    }

    @Test
    void aUsageErrorIsItsMessageAndAPointerToHelpNotTheWholeHelp() {
        Run bad = run("serve", "--port", "many");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("Invalid value for option '--port': 'many' is not an int\n"
                + "Try 'vcr-proxy serve --help' for more information.\n");
    }

    @Test
    void noCommandIsAUsageError() {
        Run none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("missing command");
    }

    @Test
    void aBadBudgetIsAUsageErrorNamingTheOptionAndABlankOneIsNone() {
        Run negative = run("serve", "--port", "0", "--max-upstream-calls", "-1");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--max-upstream-calls (env VCR_MAX_UPSTREAM_CALLS) must be a whole number, 0 or more, not '-1'");
        Run words = run("serve", "--port", "0", "--max-upstream-tokens", "lots");
        assertThat(words.exit()).isEqualTo(2);
        assertThat(words.err()).contains("--max-upstream-tokens (env VCR_MAX_UPSTREAM_TOKENS)", "not 'lots'");
        assertThat(ServeCommand.budget("", "--max-upstream-calls", "VCR_MAX_UPSTREAM_CALLS")).isNull();
        assertThat(ServeCommand.budget(" 0 ", "--max-upstream-calls", "VCR_MAX_UPSTREAM_CALLS")).isZero();
    }
}
