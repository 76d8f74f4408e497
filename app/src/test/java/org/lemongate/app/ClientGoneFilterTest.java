package org.lemongate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.undertow.UndertowLogger;

/**
 * Undertow's own logger, through JBoss Logging and logback as the jar runs them: UT005088 for a client that went
 * away comes out at DEBUG, any other cause still at ERROR.
 */
class ClientGoneFilterTest {

    @Test
    void aClosedClientConnectionIsDebugAndOtherFailuresStayErrors() {
        Logger ours = (Logger) LoggerFactory.getLogger(ClientGoneFilter.class);
        Level before = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        try (CapturedLog undertow = CapturedLog.of("io.undertow"); CapturedLog filter = CapturedLog.of(ours.getName())) {
            UndertowLogger.REQUEST_IO_LOGGER.closeAsyncFailed(new IOException("Broken pipe"));
            UndertowLogger.REQUEST_IO_LOGGER.closeAsyncFailed(new IOException("Connection reset by peer"));
            UndertowLogger.REQUEST_IO_LOGGER.closeAsyncFailed(new IOException("wrapped",
                    new ClosedChannelException()));
            assertEquals(List.of(), levels(undertow), "nothing at ERROR for a client that went away");
            assertEquals(List.of(Level.DEBUG, Level.DEBUG, Level.DEBUG), levels(filter));

            UndertowLogger.REQUEST_IO_LOGGER.closeAsyncFailed(new IOException("No space left on device"));
            assertEquals(List.of(Level.ERROR), levels(undertow), "another cause is still an error");
            assertEquals(true, undertow.events().get(0).getFormattedMessage().startsWith(ClientGoneFilter.CODE));
        } finally {
            ours.setLevel(before);
        }
    }

    private static List<Level> levels(CapturedLog log) {
        return log.events().stream().map(ILoggingEvent::getLevel).toList();
    }
}
