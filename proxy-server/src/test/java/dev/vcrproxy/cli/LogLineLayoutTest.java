package dev.vcrproxy.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineLayoutTest {
    private final LoggerContext context = new LoggerContext();

    private String layout(Level level, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent("ignored", context.getLogger("dev.vcrproxy.server.Miss"), level, message, thrown, args);
        event.setTimeStamp(LocalDateTime.of(2026, 11, 24, 9, 5, 7, 42_000_000).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        LogLineLayout layout = new LogLineLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    @Test
    void timeLevelPaddedToFiveSimpleLoggerNameAndFormattedMessage() {
        assertThat(layout(Level.WARN, "no recording in cassette '{}'", null, "default"))
                .isEqualTo("09:05:07.042 WARN  Miss - no recording in cassette 'default'" + System.lineSeparator());
        assertThat(layout(Level.ERROR, "x", null)).startsWith("09:05:07.042 ERROR Miss - x");
    }

    @Test
    void stackTraceFollowsTheLine() {
        String text = layout(Level.ERROR, "failed", new IllegalStateException("boom"));
        assertThat(text).startsWith("09:05:07.042 ERROR Miss - failed" + System.lineSeparator())
                .contains("java.lang.IllegalStateException: boom")
                .contains("at dev.vcrproxy.cli.LogLineLayoutTest");
    }

    @Test
    void secretsAreMaskedInMessagesAndStackTracesAtEveryLevel() {
        String key = "sk-proj-Abc123def456GHI789jkl012MNO345pqr";
        for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR}) {
            String text = layout(level, "GET {} via {}", new IllegalStateException("upstream said " + key),
                    "/v1/files/" + key, "https://g.example/v1?alt=sse&key=AIza-not-shaped");
            assertThat(text).as(level.toString()).doesNotContain(key, "AIza-not-shaped")
                    .contains("GET /v1/files/sk-proj-Abc1…<redacted> via https://g.example/v1?alt=sse&key=<redacted>")
                    .contains("java.lang.IllegalStateException: upstream said sk-proj-Abc1…<redacted>");
        }
    }
}
