package dev.vcrproxy.server;

import dev.vcrproxy.cassette.BadCassetteException;
import dev.vcrproxy.cassette.InvalidCassetteNameException;
import io.netty.handler.codec.http.FullHttpResponse;

import java.util.concurrent.CompletionException;

/**
 * The store's refusals as answers: a file that does not parse is {@code 500 vcr_bad_cassette}, a
 * cassette whose file is out of bounds (a link out of the fixtures folder, a case twin) is
 * {@code 400 vcr_invalid_cassette}. Either way the file is left as it is.
 */
final class CassetteRefusals {
    private CassetteRefusals() {
    }

    /** The answer for {@code error}, or null when it is no refusal. {@code detail} ends the bad-file message. */
    static FullHttpResponse answer(Throwable error, String detail) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof BadCassetteException bad) {
            return ProxyResponses.error(500, "vcr_bad_cassette", "cassette file " + bad.getMessage() + detail);
        }
        if (cause instanceof InvalidCassetteNameException refused) {
            return ProxyResponses.error(400, "vcr_invalid_cassette", refused.getMessage());
        }
        return null;
    }
}
