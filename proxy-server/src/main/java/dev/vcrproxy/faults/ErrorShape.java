package dev.vcrproxy.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.Preset;

import java.util.Set;

/**
 * The JSON error body a {@code status:CODE} fault answers with, in the shape the provider's own
 * SDK parses. The shape is the one preset in force ({@code --preset}); with none or several, the
 * request path says ({@code /v1/messages} Anthropic, {@code :generateContent} and
 * {@code :streamGenerateContent} Gemini, {@code /chat/completions}, {@code /completions},
 * {@code /embeddings} or {@code /responses} OpenAI); otherwise the proxy's own error shape.
 */
public enum ErrorShape {
    OPENAI, ANTHROPIC, GEMINI, MODAL, PROXY;

    public static ErrorShape choose(Set<Preset> presets, String path) {
        if (presets.size() == 1) {
            return of(presets.iterator().next());
        }
        String p = path == null ? "" : path;
        int query = p.indexOf('?');
        p = query < 0 ? p : p.substring(0, query);
        ErrorShape byPath = p.endsWith("/v1/messages") ? ANTHROPIC
                : p.endsWith(":generateContent") || p.endsWith(":streamGenerateContent") ? GEMINI
                : p.endsWith("/chat/completions") || p.endsWith("/completions") || p.endsWith("/embeddings")
                || p.endsWith("/responses") ? OPENAI
                : PROXY;
        return byPath == PROXY || presets.isEmpty() || presets.stream().anyMatch(s -> of(s) == byPath) ? byPath : PROXY;
    }

    private static ErrorShape of(Preset preset) {
        return switch (preset) {
            case OPENAI -> OPENAI;
            case ANTHROPIC -> ANTHROPIC;
            case GEMINI -> GEMINI;
            case MODAL -> MODAL;
        };
    }

    /** The body for an injected {@code status} answer; {@code rule} is named in the message. */
    public byte[] body(int status, String rule) {
        String message = reason(status) + " (injected by vcr-proxy fault " + rule + ")";
        ObjectNode root = Json.object();
        switch (this) {
            case OPENAI -> {
                ObjectNode error = root.putObject("error");
                error.put("message", message);
                error.put("type", status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
                if (status == 429) {
                    error.put("code", "rate_limit_exceeded");
                } else {
                    error.putNull("code");
                }
            }
            case ANTHROPIC -> {
                root.put("type", "error");
                ObjectNode error = root.putObject("error");
                error.put("type", anthropicType(status));
                error.put("message", message);
            }
            case GEMINI -> {
                ObjectNode error = root.putObject("error");
                error.put("code", status);
                error.put("message", message);
                error.put("status", googleStatus(status));
            }
            case MODAL -> root.put("error", message);
            case PROXY -> {
                ObjectNode error = root.putObject("error");
                error.put("type", "vcr_fault");
                error.put("message", message);
            }
        }
        return Json.compactBytes(root);
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Rate limit exceeded";
            case 500 -> "Internal server error";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            case 529 -> "Overloaded";
            default -> status >= 500 ? "Server error " + status : "Request failed with status " + status;
        };
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String googleStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
