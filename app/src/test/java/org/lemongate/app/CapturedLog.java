package org.lemongate.app;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** The events one logger (and its children) writes while open; closing stops the capture. */
final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts capturing what {@code name} logs, e.g. {@code org.lemongate.security}, or the root logger's name. */
    static CapturedLog of(String name) {
        return new CapturedLog(name);
    }

    /** The events so far; a request completing late may still be logging, so this is a copy. */
    List<ILoggingEvent> events() {
        // The appender adds under its own lock.
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /** The formatted messages of the events of {@code loggerName} so far. */
    List<String> messages(String loggerName) {
        return events().stream().filter(e -> e.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
