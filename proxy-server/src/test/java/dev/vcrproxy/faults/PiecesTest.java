package dev.vcrproxy.faults;

import dev.vcrproxy.cassette.StreamEvent;
import dev.vcrproxy.sse.ReplayTiming;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PiecesTest {
    static final List<StreamEvent> EVENTS = List.of(
            new StreamEvent(0, "{\"delta\":\"Grüße \"}", null, null, null),
            new StreamEvent(10, "{\"delta\":\"🌍 你好\"}", null, null, null),
            new StreamEvent(25, "{\"delta\":\"!\"}", "message", "3", null, "\r\n", null),
            new StreamEvent(30, "[DONE]", null, null, null));

    static Faults faults(String rules) {
        return new Faults(FaultRule.parseList(rules));
    }

    static byte[] joined(List<Pieces.Piece> pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(p -> out.writeBytes(p.bytes()));
        return out.toByteArray();
    }

    static byte[] wire(List<StreamEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(e.wireBytes()));
        return out.toByteArray();
    }

    @Test
    void rechunkSplitsAtByteOffsetsAcrossEventsAndCharacters() {
        for (int n : new int[] {1, 2, 7, 1000}) {
            List<Pieces.Piece> pieces = Pieces.ofEvents(EVENTS, faults("rechunk:" + n), ReplayTiming.NONE);
            assertThat(joined(pieces)).isEqualTo(wire(EVENTS));
            assertThat(pieces).allMatch(p -> p.bytes().length <= n);
            assertThat(pieces.subList(0, pieces.size() - 1)).allMatch(p -> p.bytes().length == n);
        }
        // some 7-byte write ends inside a multi-byte character
        List<Pieces.Piece> sevens = Pieces.ofEvents(EVENTS, faults("rechunk:7"), ReplayTiming.NONE);
        assertThat(sevens).anyMatch(p -> !validUtf8(p.bytes()));
        assertThat(sevens).anyMatch(p -> new String(p.bytes(), StandardCharsets.UTF_8).matches("(?s).*\\n\\n.+")); // ends one event, starts the next
    }

    static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void withoutRechunkEachEventIsOneWriteWithItsRecordedGap() {
        List<Pieces.Piece> pieces = Pieces.ofEvents(EVENTS, faults("delay:1s"), ReplayTiming.RECORDED);
        assertThat(pieces).hasSize(4);
        assertThat(pieces).extracting(Pieces.Piece::delayMs).containsExactly(0L, 10L, 15L, 5L);
        assertThat(pieces.get(2).bytes()).isEqualTo(EVENTS.get(2).wireBytes());
    }

    @Test
    void cutKeepsTheFirstNEventsAndDropDoneTheFinalDone() {
        assertThat(Pieces.ofEvents(EVENTS, faults("cut:2"), ReplayTiming.NONE)).hasSize(2);
        assertThat(Pieces.ofEvents(EVENTS, faults("cut:0"), ReplayTiming.NONE)).isEmpty();
        assertThat(Pieces.ofEvents(EVENTS, faults("cut:9"), ReplayTiming.NONE)).hasSize(4);
        assertThat(joined(Pieces.ofEvents(EVENTS, faults("drop-done"), ReplayTiming.NONE))).isEqualTo(wire(EVENTS.subList(0, 3)));
        assertThat(joined(Pieces.ofEvents(EVENTS, faults("drop-done, cut:3, rechunk:5"), ReplayTiming.NONE)))
                .isEqualTo(wire(EVENTS.subList(0, 3)));
        List<StreamEvent> noDone = EVENTS.subList(0, 2);
        assertThat(Pieces.ofEvents(noDone, faults("drop-done"), ReplayTiming.NONE)).hasSize(2);
    }

    @Test
    void aWholeBodyIsCutAfterHalfItsBytesAndRechunked() {
        byte[] body = "{\"ir_json\": {\"intent\": \"cancel\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(joined(Pieces.ofBody(body, faults("cut:1")))).hasSize(body.length / 2);
        assertThat(Pieces.ofBody(body, faults("rechunk:4"))).hasSize((body.length + 3) / 4);
        assertThat(joined(Pieces.ofBody(body, faults("rechunk:4")))).isEqualTo(body);
        assertThat(Pieces.ofBody(new byte[0], faults("rechunk:4"))).isEmpty();
    }
}
