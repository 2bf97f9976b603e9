package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Looks for credential-shaped strings anywhere in an interaction before it is written. A finding
 * names the kind of secret and the JSON pointer in the interaction, never the secret itself.
 */
public final class SecretScanner {
    public record Finding(String kind, String pointer) {
    }

    private record Rule(String kind, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("Anthropic API key", Pattern.compile("sk-ant-[A-Za-z0-9_-]{20,}")),
            new Rule("OpenAI API key", Pattern.compile("sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}")),
            new Rule("Google API key", Pattern.compile("AIza[0-9A-Za-z_-]{35}")),
            new Rule("GitHub token", Pattern.compile("(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})")),
            new Rule("AWS access key id", Pattern.compile("(?:AKIA|ASIA)[0-9A-Z]{16}")),
            new Rule("Slack token", Pattern.compile("xox[abposr]-[A-Za-z0-9-]{10,}")),
            new Rule("private key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")),
            new Rule("bearer token", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}")));

    private SecretScanner() {
    }

    public static Optional<Finding> scan(Interaction interaction) {
        return scan(CassetteCodec.toJson(interaction), "");
    }

    static Optional<Finding> scan(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return match(node.textValue(), pointer);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + JsonPointer.escape(field.getKey());
                Optional<Finding> found = match(field.getKey(), child).or(() -> scan(field.getValue(), child));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Finding> found = scan(node.get(i), pointer + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> match(String text, String pointer) {
        if (text.length() < 16) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(text).find()) {
                return Optional.of(new Finding(rule.kind(), pointer));
            }
        }
        return Optional.empty();
    }
}
