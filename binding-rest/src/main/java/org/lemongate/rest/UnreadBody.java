package org.lemongate.rest;

import org.apache.cxf.io.DelegatingInputStream;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * Answers a request without reading the rest of its body. CXF would otherwise read up to 16 MiB of an unread body
 * before sending the answer (to keep the connection reusable): a client still uploading would wait for its own upload
 * to be refused. The answer must close the connection instead ({@link #CONNECTION_CLOSE}).
 */
final class UnreadBody {

    /** The header value that goes with an abandoned body. */
    static final String CONNECTION_CLOSE = "close";

    private UnreadBody() {
    }

    /** Tells CXF not to drain the current request's body. */
    static void abandon() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message != null) {
            message.removeContent(DelegatingInputStream.class);
        }
    }
}
