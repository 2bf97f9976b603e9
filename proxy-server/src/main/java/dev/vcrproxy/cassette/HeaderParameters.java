package dev.vcrproxy.cassette;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ; name=value} parameters of a header such as Content-Type or Content-Disposition:
 * tokens or quoted strings (backslash escapes undone), names lower-cased, and RFC 5987/2231
 * extended values ({@code filename*=UTF-8''na%C3%AFve.txt}) decoded under the name without the star.
 */
final class HeaderParameters {
    private HeaderParameters() {
    }

    /** The header's value before its first {@code ;}, lower-cased and trimmed: {@code multipart/form-data}. */
    static String mainValue(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The parameters in order; an extended {@code name*} value wins over a plain {@code name}. */
    static Map<String, String> of(String header) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        int at = header.indexOf(';');
        while (at >= 0 && at < header.length()) {
            int start = at + 1;
            int equals = header.indexOf('=', start);
            int semicolon = header.indexOf(';', start);
            if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
                at = semicolon;
                continue;
            }
            String name = header.substring(start, equals).trim().toLowerCase(Locale.ROOT);
            int valueStart = skipSpaces(header, equals + 1);
            String value;
            if (valueStart < header.length() && header.charAt(valueStart) == '"') {
                StringBuilder quoted = new StringBuilder();
                int i = valueStart + 1;
                while (i < header.length() && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < header.length()) {
                        c = header.charAt(++i);
                    }
                    quoted.append(c);
                    i++;
                }
                value = quoted.toString();
                at = header.indexOf(';', Math.min(i + 1, header.length()));
            } else {
                int end = header.indexOf(';', valueStart);
                value = header.substring(valueStart, end < 0 ? header.length() : end).trim();
                at = end;
            }
            if (name.endsWith("*")) {
                String decoded = extendedValue(value);
                if (decoded != null) {
                    extended.put(name.substring(0, name.length() - 1), decoded);
                }
            } else {
                plain.putIfAbsent(name, value);
            }
        }
        plain.putAll(extended);
        return plain;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** {@code charset'language'percent-encoded} decoded, or null when it is not well formed. */
    static String extendedValue(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        Charset charset;
        try {
            charset = Charset.forName(value.substring(0, first).trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String encoded = value.substring(second + 1);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(charset);
    }
}
