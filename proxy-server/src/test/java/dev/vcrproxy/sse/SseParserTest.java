package dev.vcrproxy.sse;

import dev.vcrproxy.cassette.StreamEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesOpenAiStyleStreams() {
        SseParser parser = new SseParser();
        parser.feed(utf8("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\ndata: [DONE]\n\n"), 5);
        assertThat(parser.finish(9)).extracting(StreamEvent::data)
                .containsExactly("{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}", "{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}", "[DONE]");
    }

    @Test
    void keepsEventIdRetryAndJoinsMultiLineData() {
        SseParser parser = new SseParser();
        parser.feed(utf8("event: message_start\nid: 7\nretry: 3000\ndata: line one\ndata: line two\n\n"), 1);
        StreamEvent event = parser.finish(2).get(0);
        assertThat(event).isEqualTo(new StreamEvent(1, "line one\nline two", "message_start", "7", 3000L));
        assertThat(new String(event.wireBytes(), StandardCharsets.UTF_8))
                .isEqualTo("event: message_start\nid: 7\nretry: 3000\ndata: line one\ndata: line two\n\n");
    }

    @Test
    void handlesEventsSplitAnywhereAcrossChunksWithCrLfAndComments() {
        byte[] stream = utf8(": keep-alive comment\r\nevent: content_block_delta\r\ndata: {\"text\":\"h\u00e9\"}\r\n\r\ndata: end\r\n\r\n");
        for (int split = 1; split < stream.length; split++) {
            SseParser parser = new SseParser();
            parser.feed(stream, 0, split, 1);
            parser.feed(stream, split, stream.length - split, 2);
            List<StreamEvent> events = parser.finish(3);
            assertThat(events).as("split at %d", split).extracting(StreamEvent::data).containsExactly("{\"text\":\"h\u00e9\"}", "end");
            assertThat(events.get(0).event()).isEqualTo("content_block_delta");
        }
    }

    @Test
    void bareCarriageReturnsEndLinesAndALastEventWithoutBlankLineCounts() {
        SseParser parser = new SseParser();
        parser.feed(utf8("data: a\r\rdata: b"), 1);
        assertThat(parser.finish(2)).extracting(StreamEvent::data).containsExactly("a", "b");
    }

    /** The bytes replay would send for the parsed events. */
    private static String replayed(List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append(new String(e.wireBytes(), StandardCharsets.UTF_8)));
        return out.toString();
    }

    @Test
    void geminiCrLfStreamsReplayByteForByteWhereverTheChunksSplit() {
        String gemini = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hel\"}]}}]}\r\n\r\n"
                + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lo\"}]}}],"
                + " \"usageMetadata\": {\"promptTokenCount\": 3}}\r\n\r\n";
        byte[] stream = utf8(gemini);
        for (int split = 1; split < stream.length; split++) {
            SseParser parser = new SseParser();
            parser.feed(stream, 0, split, 1);
            parser.feed(stream, split, stream.length - split, 2);
            List<StreamEvent> events = parser.finish(3);
            assertThat(events).as("split at %d", split).hasSize(2)
                    .allSatisfy(e -> assertThat(e.lineEnd()).isEqualTo("\r\n"))
                    .allSatisfy(e -> assertThat(e.wire()).as("usual layout, no raw copy").isNull());
            assertThat(replayed(events)).as("split at %d", split).isEqualTo(gemini);
        }
    }

    @Test
    void keepsTheUpstreamsOwnBytesOnlyWhenTheyAreNotTheUsualLayout() {
        String unusual = "data:{\"a\":1}\n\nid: 2\nevent: late\ndata: b\n\ndata: usual\n\ndata: last, no blank line\n";
        SseParser parser = new SseParser();
        parser.feed(utf8(unusual), 1);
        List<StreamEvent> events = parser.finish(2);
        assertThat(events).extracting(StreamEvent::data).containsExactly("{\"a\":1}", "b", "usual", "last, no blank line");
        assertThat(events).extracting(StreamEvent::wire)
                .containsExactly("data:{\"a\":1}\n\n", "id: 2\nevent: late\ndata: b\n\n", null, "data: last, no blank line\n");
        assertThat(replayed(events)).isEqualTo(unusual);
    }

    @Test
    void commentsAreTheOnlyBytesLeftOut() {
        SseParser parser = new SseParser();
        parser.feed(utf8(": ping\r\ndata: a\r\n: mid-event comment\r\ndata: b\r\n\r\n"), 1);
        List<StreamEvent> events = parser.finish(2);
        assertThat(events.get(0).wire()).isNull();
        assertThat(replayed(events)).isEqualTo("data: a\r\ndata: b\r\n\r\n");
    }

    @Test
    void timestampsEachEventWhenItsFirstFieldArrived() {
        SseParser parser = new SseParser();
        parser.feed(utf8("data: first\n\nda"), 10);
        parser.feed(utf8("ta: second\n\n"), 250);
        assertThat(parser.finish(300)).extracting(StreamEvent::tMs).containsExactly(10L, 250L);
    }

    @Test
    void replayTimingParses() {
        assertThat(ReplayTiming.parse("none").delayMs(100)).isZero();
        assertThat(ReplayTiming.parse("recorded").delayMs(100)).isEqualTo(100);
        assertThat(ReplayTiming.parse("scale=0.1").delayMs(100)).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplayTiming.parse("fast"))
                .hasMessageContaining("none, recorded, or scale=F");
    }
}
