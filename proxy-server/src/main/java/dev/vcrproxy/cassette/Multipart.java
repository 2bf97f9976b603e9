package dev.vcrproxy.cassette;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code multipart/form-data} (RFC 7578) bodies as their parts, so that a request is keyed by what
 * it uploads and never by its random boundary. Parsing accepts what real clients send (CRLF or
 * bare LF line ends, a preamble, quoted and extended parameters, parts without a content type)
 * and answers empty for anything else — no boundary, a missing closing delimiter, a part without a
 * field name — so such a body is kept and keyed as raw bytes like any other.
 */
public final class Multipart {
    /** The boundary of {@link Body.MultipartBody#bytes()}: only the parts are stored, not the client's boundary. */
    static final String STORED_BOUNDARY = "vcr-proxy-form-boundary";

    private Multipart() {
    }

    public static boolean isFormData(String contentType) {
        return contentType != null && HeaderParameters.mainValue(contentType).equals("multipart/form-data");
    }

    /** The content type with its {@code boundary} parameter removed: what a cassette stores. */
    public static String withoutBoundary(String contentType) {
        return Arrays.stream(contentType.split(";"))
                .filter(p -> !p.trim().toLowerCase(Locale.ROOT).startsWith("boundary="))
                .map(String::trim)
                .collect(Collectors.joining("; "));
    }

    /** The parts of {@code body} when {@code contentType} is form data and the body is well formed. */
    public static Optional<List<MultipartPart>> parse(byte[] body, String contentType) {
        if (!isFormData(contentType)) {
            return Optional.empty();
        }
        String boundary = HeaderParameters.of(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            return Optional.empty();
        }
        return new Parser(body, ("--" + boundary).getBytes(StandardCharsets.UTF_8)).parts();
    }

    /** Encodes parts with CRLF line ends and the given boundary, as curl or a browser would. */
    public static byte[] encode(List<MultipartPart> parts, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultipartPart part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=").append(quoted(part.name()));
            if (part.filename() != null) {
                head.append("; filename=").append(quoted(part.filename()));
            }
            head.append("\r\n");
            if (part.contentType() != null) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.body().bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** One pass over the body; every method answers -1 or empty when the structure breaks. */
    private static final class Parser {
        private final byte[] body;
        private final byte[] dashBoundary;

        Parser(byte[] body, byte[] dashBoundary) {
            this.body = body;
            this.dashBoundary = dashBoundary;
        }

        Optional<List<MultipartPart>> parts() {
            int delimiter = startsAt(0) ? 0 : nextDelimiter(0);
            List<MultipartPart> parts = new ArrayList<>();
            while (delimiter >= 0) {
                int at = delimiter + dashBoundary.length;
                if (at + 1 < body.length && body[at] == '-' && body[at + 1] == '-') {
                    return Optional.of(parts);
                }
                int headersStart = afterLineEnd(at);
                int headersEnd = headersStart < 0 ? -1 : blankLine(headersStart);
                if (headersEnd < 0) {
                    return Optional.empty();
                }
                int contentStart = afterLineEnd(headersEnd);
                int next = nextDelimiter(contentStart);
                if (next < 0) {
                    return Optional.empty();
                }
                int contentEnd = body[next - 1] == '\n' ? next - 1 : next;
                if (contentEnd > contentStart && body[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
                contentEnd = Math.max(contentEnd, contentStart);
                Optional<MultipartPart> part = part(headersStart, headersEnd, Arrays.copyOfRange(body, contentStart, contentEnd));
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(part.get());
                delimiter = next;
            }
            return Optional.empty();
        }

        private Optional<MultipartPart> part(int headersStart, int headersEnd, byte[] content) {
            String disposition = null;
            String contentType = null;
            for (String line : text(headersStart, headersEnd).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-disposition")) {
                    disposition = value;
                } else if (name.equals("content-type")) {
                    contentType = value;
                }
            }
            if (disposition == null || !HeaderParameters.mainValue(disposition).equals("form-data")) {
                return Optional.empty();
            }
            Map<String, String> parameters = HeaderParameters.of(disposition);
            String name = parameters.get("name");
            if (name == null) {
                return Optional.empty();
            }
            return Optional.of(new MultipartPart(name, parameters.get("filename"), contentType,
                    Body.of(content, contentType)));
        }

        /** True when the boundary line starts at {@code at} and is followed by {@code --}, blanks or a line end. */
        private boolean startsAt(int at) {
            if (at + dashBoundary.length > body.length
                    || !Arrays.equals(body, at, at + dashBoundary.length, dashBoundary, 0, dashBoundary.length)) {
                return false;
            }
            int after = at + dashBoundary.length;
            if (after == body.length) {
                return false;
            }
            byte b = body[after];
            return b == '-' || b == '\r' || b == '\n' || b == ' ' || b == '\t';
        }

        /** The next boundary line at or after {@code from}, which begins right after a {@code \n}. */
        private int nextDelimiter(int from) {
            for (int i = Math.max(from, 1); i <= body.length - dashBoundary.length; i++) {
                if (body[i - 1] == '\n' && body[i] == '-' && startsAt(i)) {
                    return i;
                }
            }
            return -1;
        }

        /** Past optional blanks and one CRLF or LF. */
        private int afterLineEnd(int at) {
            int i = at;
            while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
                i++;
            }
            if (i < body.length && body[i] == '\r') {
                i++;
            }
            return i < body.length && body[i] == '\n' ? i + 1 : -1;
        }

        /** The start of the empty line that ends the headers beginning at {@code from}. */
        private int blankLine(int from) {
            int lineStart = from;
            for (int i = from; i < body.length; i++) {
                if (body[i] == '\n') {
                    int length = i - lineStart;
                    if (length == 0 || (length == 1 && body[lineStart] == '\r')) {
                        return lineStart;
                    }
                    lineStart = i + 1;
                }
            }
            return -1;
        }

        private String text(int from, int to) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(body, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                return new String(body, from, to - from, StandardCharsets.ISO_8859_1);
            }
        }
    }
}
