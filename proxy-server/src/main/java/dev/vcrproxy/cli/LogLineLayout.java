package dev.vcrproxy.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import dev.vcrproxy.cassette.Masking;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * {@code 19:16:20.259 WARN  RecordingRelay - message}: what the pattern
 * {@code %d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n} prints, without the pattern machinery,
 * whose set-up is a noticeable part of the proxy's start. Message and stack trace are
 * {@linkplain Masking masked}, at every level: a path or body quoted in a log line never shows a key.
 * Public so that a {@code logback.xml} of one's own can use it as its layout.
 */
public final class LogLineLayout extends LayoutBase<ILoggingEvent> {
    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        appendTime(line, event.getTimeStamp());
        line.append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(' ').append(simpleName(event.getLoggerName())).append(" - ").append(Masking.text(event.getFormattedMessage()))
                .append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(Masking.text(ThrowableProxyUtil.asString(thrown)));
        }
        return line.toString();
    }

    private void appendTime(StringBuilder line, long epochMillis) {
        LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
        twoDigits(line, time.getHour()).append(':');
        twoDigits(line, time.getMinute()).append(':');
        twoDigits(line, time.getSecond()).append('.');
        int millis = time.getNano() / 1_000_000;
        line.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static String simpleName(String loggerName) {
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }
}
