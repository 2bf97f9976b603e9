package dev.vcrproxy.admin;

/** An admin call: method, path after {@code /__vcr}, body, and the Authorization header (or null). */
public record AdminRequest(String method, String path, byte[] body, String authorization) {
    public boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
