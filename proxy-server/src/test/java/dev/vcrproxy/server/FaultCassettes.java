package dev.vcrproxy.server;

import dev.vcrproxy.cassette.Body;
import dev.vcrproxy.cassette.Cassette;
import dev.vcrproxy.cassette.CassetteCodec;
import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.IncomingRequest;
import dev.vcrproxy.cassette.Interaction;
import dev.vcrproxy.cassette.MatchRules;
import dev.vcrproxy.cassette.RecordedRequest;
import dev.vcrproxy.cassette.RecordedResponse;
import dev.vcrproxy.cassette.Redaction;
import dev.vcrproxy.cassette.RequestKey;
import dev.vcrproxy.cassette.StreamEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A cassette as a recording of an OpenAI-style chat stream (multi-byte text, ending in [DONE]) and a JSON answer. */
final class FaultCassettes {
    static final String CHAT_PATH = "/v1/chat/completions";
    static final String CHAT = "{\"model\": \"gpt-x\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
    static final String GENERATE = "{\"prompt\": \"Parse: cancel order 4411\"}";
    static final String GENERATED = "{\"ir_json\": {\"intent\": \"cancel\", \"order\": 4411}, \"tokens_used\": 812}";
    static final List<String> DELTAS = List.of("", "Grüße", " aus", " 🌍", " — ", "你好", "!", "");

    private FaultCassettes() {
    }

    /** The bytes a clean replay of the chat stream sends. */
    static String chatStream() {
        StringBuilder out = new StringBuilder();
        events().forEach(e -> out.append(new String(e.wireBytes(), StandardCharsets.UTF_8)));
        return out.toString();
    }

    static List<StreamEvent> events() {
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < DELTAS.size(); i++) {
            String finish = i == DELTAS.size() - 1 ? ",\"finish_reason\":\"stop\"" : "";
            events.add(new StreamEvent(i * 10L, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-x\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + DELTAS.get(i) + "\"}" + finish + "}]}", null, null, null));
        }
        events.add(new StreamEvent(DELTAS.size() * 10L, "[DONE]", null, null, null));
        return events;
    }

    static void write(Path fixtures, String name) {
        RecordedRequest chat = request(CHAT_PATH, CHAT);
        RecordedResponse stream = RecordedResponse.stream(200, new TreeMap<>(Map.of("content-type", "text/event-stream")), events());
        RecordedRequest generate = request("/generate", GENERATE);
        RecordedResponse json = new RecordedResponse(200, new TreeMap<>(Map.of("content-type", "application/json")),
                Body.of(GENERATED.getBytes(StandardCharsets.UTF_8), "application/json"));
        Cassette cassette = new Cassette(CassetteName.of(name), List.of(
                new Interaction(RequestKey.of(chat, MatchRules.DEFAULT), 0, Instant.parse("2026-11-24T10:15:02Z"), 900, chat, stream),
                new Interaction(RequestKey.of(generate, MatchRules.DEFAULT), 0, Instant.parse("2026-11-24T10:15:02Z"), 900, generate, json)));
        try {
            Path file = fixtures.resolve(name + ".json");
            Files.createDirectories(file.getParent());
            Files.write(file, CassetteCodec.write(cassette));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecordedRequest request(String path, String json) {
        return Redaction.record(new IncomingRequest("POST", "/", path, "", List.of(
                new AbstractMap.SimpleImmutableEntry<>("content-type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8)), MatchRules.DEFAULT);
    }
}
