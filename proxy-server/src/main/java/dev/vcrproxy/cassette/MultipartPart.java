package dev.vcrproxy.cassette;

import java.util.Objects;

/**
 * One part of a {@code multipart/form-data} request: its form field name, the file name and content
 * type when the client sent them (else null), and its body classified as a whole body would be.
 */
public record MultipartPart(String name, String filename, String contentType, Body body) {
    public MultipartPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }

    public MultipartPart withBody(Body other) {
        return new MultipartPart(name, filename, contentType, other);
    }
}
