package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class UnexpectedProblemsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedProblems.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    @Test
    void aBrokenClientConnectionIsNoErrorOfTheGateway() {
        assertEquals(400, new UnexpectedProblems().toResponse(new IOException("Broken pipe")).getStatus());
        assertEquals(List.of(), events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList());
    }

    @Test
    void aBugIsA500AndLoggedAsAnError() {
        assertEquals(500, new UnexpectedProblems().toResponse(new IllegalStateException("bug")).getStatus());
        assertEquals(Level.ERROR, events.list.get(0).getLevel());
    }
}
