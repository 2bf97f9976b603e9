package dev.vcrproxy.faults;

/** A fault rule that does not follow the grammar; the message names the rule and shows the grammar. */
public final class InvalidFaultException extends IllegalArgumentException {
    public InvalidFaultException(String rule, String problem) {
        super("invalid fault rule '" + rule + "': " + problem + ". " + FaultRule.GRAMMAR);
    }
}
