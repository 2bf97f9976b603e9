package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.RecordedRequest;
import dev.vcrproxy.cassette.RequestKey;

import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads, on another core while the command line is still being read, what the first request
 * would otherwise wait for: logging, the native transport, Jackson, canonical JSON and SHA-256. On a
 * single core it only changes the order of the same work.
 */
public final class Preload {
    private Preload() {
    }

    public static void startInBackground() {
        Thread thread = new Thread(Preload::run, "vcr-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        try {
            warmUp();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Preload.class).debug("warm-up failed; the first request loads what it needs", e);
        }
    }

    static void warmUp() {
        LoggerFactory.getILoggerFactory();
        Transport.best();
        byte[] sample = "{\"prompt\": \"warm up\", \"max_tokens\": 1, \"temperature\": 0.0}".getBytes(StandardCharsets.UTF_8);
        Body body = Body.of(sample, "application/json");
        RequestKey.of(new RecordedRequest("POST", "/", "/generate", new TreeMap<>(),
                RecordedRequest.headers(Map.of("content-type", "application/json")), body), MatchRules.DEFAULT);
        Json.compactBytes(Json.parse(sample).orElseThrow());
    }
}
