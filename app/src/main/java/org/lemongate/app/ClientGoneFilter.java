package org.lemongate.app;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Undertow logs {@code UT005088} ("Failed to execute ServletOutputStream.closeAsync() on IO thread") at ERROR when a
 * response completed from outside its I/O thread cannot be closed because the client has gone: for an event stream
 * or a held long poll that is how it ordinarily ends (the client reconnects with its Last-Event-ID). This filter
 * logs exactly that case at DEBUG; a UT005088 whose cause is not a closed connection, and every other message, stay
 * as they are. Installed by {@code logback.xml}.
 */
public final class ClientGoneFilter extends TurboFilter {

    static final String CODE = "UT005088";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientGoneFilter.class);

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || format == null || !format.startsWith(CODE)
                || !clientGone(t)) {
            return FilterReply.NEUTRAL;
        }
        LOG.debug("a client closed its connection before its response ended ({}: {})", CODE, t.toString());
        return FilterReply.DENY;
    }

    /** Whether the failure is the peer having closed the connection (reset, broken pipe, channel closed). */
    static boolean clientGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ClosedChannelException || c instanceof EOFException) {
                return true;
            }
            if (c instanceof IOException && c.getMessage() != null) {
                String m = c.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("broken pipe") || m.contains("connection reset") || m.contains("connection was aborted")
                        || m.contains("stream is closed") || m.contains("channel is closed")) {
                    return true;
                }
            }
        }
        return false;
    }
}
