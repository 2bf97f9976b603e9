package dev.vcrproxy.cli;

import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.mode.Mode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code vcr-proxy mode [MODE]}: print or set the mode of a running proxy. */
@Command(name = "mode", mixinStandardHelpOptions = true,
        description = "Print the mode of a running proxy, or set it (replay, record-missing, record, passthrough, verify).")
public final class ModeCommand implements Callable<Integer> {
    @Mixin
    AdminOptions admin;

    @Parameters(arity = "0..1", paramLabel = "MODE", description = "The new mode; omit to print the current one.")
    String mode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Mode wanted = null;
        if (mode != null) {
            try {
                wanted = Mode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try {
            AdminClient client = admin.client();
            String now = wanted == null
                    ? client.get("/mode").get("mode").asText()
                    : client.put("/mode", Json.object().put("mode", wanted.label())).get("mode").asText();
            spec.commandLine().getOut().println(now);
            return 0;
        } catch (AdminClient.AdminException e) {
            spec.commandLine().getErr().println("vcr-proxy mode: " + e.getMessage());
            return 1;
        }
    }
}
