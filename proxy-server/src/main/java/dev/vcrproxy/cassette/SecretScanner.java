package dev.vcrproxy.cassette;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Looks for credential-shaped strings anywhere in an interaction before it is written: in its JSON
 * text, and in the decoded bytes of every binary body ({@code body_base64}, wherever it sits,
 * gzip or deflate layers undone). A finding names the kind of secret and the JSON pointer in the
 * interaction, never the secret itself. {@link Masking} hides the same shapes in what the proxy prints.
 */
public final class SecretScanner {
    public record Finding(String kind, String pointer) {
    }

    /**
     * One kind of secret: {@code pattern} finds it; {@code shape} is how much {@link Masking} hides
     * (the whole block of a private key, not only its first line); {@code prefix} is the part that
     * only names the kind (e.g. {@code sk-proj-}), kept in masked text with {@code shown} more characters.
     */
    record Rule(String kind, Pattern pattern, Pattern shape, Pattern prefix, int shown) {
        Rule(String kind, String pattern, String prefix) {
            this(kind, Pattern.compile(pattern), Pattern.compile(pattern), Pattern.compile(prefix), 4);
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule("Anthropic API key", "sk-ant-[A-Za-z0-9_-]{20,}", "sk-ant-(?:[a-z]+[0-9]*-)?"),
            new Rule("OpenAI API key", "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", "sk-(?:proj-|svcacct-|admin-)?"),
            new Rule("Google API key", "AIza[0-9A-Za-z_-]{35}", "AIza"),
            new Rule("GitHub token", "(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})", "gh[pousr]_|github_pat_"),
            new Rule("AWS access key id", "(?:AKIA|ASIA)[0-9A-Z]{16}", "AKIA|ASIA"),
            new Rule("Slack token", "xox[abposr]-[A-Za-z0-9-]{10,}", "xox[abposr]-"),
            new Rule("private key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
                    // the block up to its END line, or its base64 lines (also as JSON-escaped \n) when cut short
                    Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:(?s:.)*?-----END \\1PRIVATE KEY-----"
                            + "|(?:[A-Za-z0-9+/=\\s]|\\\\[nr])*)"),
                    Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"), 0),
            new Rule("bearer token", "(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}", "(?i)bearer\\s+"));

    /** The shortest text any rule matches: shorter strings need no look. */
    static final int SHORTEST = 16;

    private static final String DATA_URL_BASE64 = ";base64,";
    /** Base64 (standard or URL-safe) text, long enough to spell the shortest secret. */
    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");
    private static final int SHORTEST_ENCODED = 4 * SHORTEST / 3;

    private SecretScanner() {
    }

    public static Optional<Finding> scan(Interaction interaction) {
        return scan(CassetteCodec.toJson(interaction), "");
    }

    /** Also the cassette's name, which becomes a file name and the file's {@code "name"}. */
    public static Optional<Finding> scan(CassetteName cassette, Interaction interaction) {
        return match(cassette.value(), "/name").or(() -> scan(interaction));
    }

    static Optional<Finding> scan(JsonNode node, String pointer) {
        if (node.isTextual()) {
            return match(node.textValue(), pointer);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = pointer + "/" + JsonPointer.escape(field.getKey());
                JsonNode value = field.getValue();
                boolean binary = field.getKey().equals("body_base64") && value.isTextual(); // any body: also a multipart part's
                Optional<Finding> found = match(field.getKey(), child)
                        .or(() -> binary ? base64(value.textValue(), child) : scan(value, child));
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

    /** A binary body: its bytes, not their base64 spelling, may hold a key (and may be compressed). */
    private static Optional<Finding> base64(String text, String pointer) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return match(text, pointer); // not base64 after all (a hand edit): look at it as text
        }
        return ByteScan.find(bytes).map(found -> new Finding(found.kind(), pointer + found.where()));
    }

    private static Optional<Finding> match(String text, String pointer) {
        if (text.length() < SHORTEST) {
            return Optional.empty();
        }
        Optional<Rule> rule = firstMatch(text);
        if (rule.isPresent()) {
            return Optional.of(new Finding(rule.get().kind(), pointer));
        }
        int dataUrl = text.startsWith("data:") ? text.indexOf(DATA_URL_BASE64) : -1;
        if (dataUrl > 0) { // an inline image or file: its decoded bytes count, as a binary body's do
            return base64(text.substring(dataUrl + DATA_URL_BASE64.length()), pointer);
        }
        if (text.length() >= SHORTEST_ENCODED && BASE64_TEXT.matcher(text).matches()) {
            return encoded(text, pointer); // a file or a payload sent as base64 text: its bytes count too
        }
        return Optional.empty();
    }

    private static Optional<Finding> encoded(String text, String pointer) {
        byte[] bytes;
        try {
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // only looked like base64
        }
        return ByteScan.find(bytes).map(found -> new Finding(found.kind(), pointer + " (base64-decoded)" + found.where()));
    }

    /** The first rule that finds something in {@code text}. */
    static Optional<Rule> firstMatch(String text) {
        if (!mayHold(text)) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(text).find()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * False when no rule can match: none of their literal beginnings occurs. One pass over the
     * characters, so a large body costs one look rather than a regular expression per rule.
     */
    static boolean mayHold(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            boolean candidate = switch (text.charAt(i)) {
                case 's' -> text.startsWith("sk-", i);
                case 'A' -> text.startsWith("AIza", i) || text.startsWith("AKIA", i) || text.startsWith("ASIA", i);
                case 'g' -> text.startsWith("github_pat_", i) || (i + 3 < n && text.charAt(i + 1) == 'h' && text.charAt(i + 3) == '_');
                case 'x' -> text.startsWith("xox", i);
                case '-' -> text.startsWith("-----BEGIN ", i);
                case 'b', 'B' -> text.regionMatches(true, i, "bearer", 0, 6);
                default -> false;
            };
            if (candidate) {
                return true;
            }
        }
        return false;
    }
}
