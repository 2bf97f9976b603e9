package dev.vcrproxy.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Log events of one logger (and its children) captured for a test, at a level of its choosing; restores it on close. */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final boolean previousAdditive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** {@code quiet}: the captured events do not also go to the console. */
    public CapturedLogs(String loggerName, Level level, boolean quiet) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previous = logger.getLevel();
        previousAdditive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(!quiet);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    public List<String> lines(Level atLeast) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        logger.setAdditive(previousAdditive);
    }
}
