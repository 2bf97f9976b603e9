package dev.vcrproxy.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The request target as the client sent it. Netty decodes the request line one char per byte, and
 * encodes the upstream request's target as UTF-8; so a UTF-8 path ({@code /café}) is decoded here
 * once, to be stored readably and forwarded as the same bytes. Bytes that are not UTF-8 (invalid
 * in a URI anyway) are percent-encoded, the one form that reaches the upstream unchanged in meaning.
 */
final class RequestTarget {
    private RequestTarget() {
    }

    static String fromWire(String target) {
        if (isAscii(target)) {
            return target;
        }
        byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder out = new StringBuilder(bytes.length + 16);
            for (byte b : bytes) {
                if (b >= 0) {
                    out.append((char) b);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
            return out.toString();
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
